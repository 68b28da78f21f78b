/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.senbonzakura.compress.EntryTooLargeException;

class MarReaderTest {
  private static final List<String> MARDOR_NAMES =
      List.of(
          "update.manifest",
          "defaults/pref/channel-prefs.js",
          "update-settings.ini",
          "Contents/MacOS/defaults/pref/channel-prefs.js",
          "Contents/MacOS/update-settings.ini");

  @Test
  void readsMardorXzMar() throws IOException {
    try (MarReader r = MarReader.open(MarTestFiles.mardor("test-xz.mar"))) {
      assertEquals(MarLayout.CURRENT, r.layout());
      assertEquals(new ProductInfo("thunderbird-comm-esr", "100.0"), r.productInfo().orElseThrow());
      assertEquals(0, r.signatures().size());
      assertEquals(
          MARDOR_NAMES.stream().sorted().toList(),
          r.entries().stream().map(MarEntry::name).sorted().toList());
      for (MarEntry e : r.entries()) {
        byte[] raw = MarTestFiles.raw(r, e);
        assertEquals(e.length(), raw.length);
        assertEquals((byte) 0xFD, raw[0], "xz magic in " + e.name());
        assertTrue(MarTestFiles.decoded(r, e).length > 0, e.name());
      }
    }
  }

  @Test
  void readsMardorBzip2MarWithSignature() throws IOException {
    try (MarReader r = MarReader.open(MarTestFiles.mardor("test-bz2.mar"))) {
      assertEquals(new ProductInfo("thunderbird-comm-esr", "100.0"), r.productInfo().orElseThrow());
      assertEquals(1, r.signatures().size());
      assertEquals(1, r.signatures().get(0).algorithmId());
      assertEquals(256, r.signatures().get(0).length());
      assertEquals(5, r.entries().size());
      try (MarReader xz = MarReader.open(MarTestFiles.mardor("test-xz.mar"))) {
        for (MarEntry e : r.entries()) {
          assertEquals('B', MarTestFiles.raw(r, e)[0], "bzip2 magic in " + e.name());
          // same files, other compression: decoded contents must agree
          assertArrayEquals(
              MarTestFiles.decoded(xz, xz.entry(e.name()).orElseThrow()),
              MarTestFiles.decoded(r, e),
              e.name());
        }
      }
    }
  }

  @Test
  void readsGoldenPartial() throws IOException {
    try (MarReader r = MarReader.open(MarTestFiles.golden("a-b.partial.mar"))) {
      assertEquals(22, r.entries().size());
      assertEquals(new ProductInfo("sbz-golden-test", "2.0"), r.productInfo().orElseThrow());
      assertEquals(128, r.contentStart());
      assertEquals(128, r.entries().get(0).offset());
      assertEquals("updatev3.manifest", r.entries().get(0).name());
      byte[] manifest = MarTestFiles.decoded(r, r.entries().get(0));
      assertArrayEquals(Files.readAllBytes(MarTestFiles.golden("a-b.updatev3.manifest")), manifest);
    }
  }

  @Test
  void opensFromAnyChannel() throws IOException {
    byte[] bytes = Files.readAllBytes(MarTestFiles.golden("a-b.partial.mar"));
    try (MarReader r = MarTestFiles.open(bytes);
        MarReader f = MarReader.open(MarTestFiles.golden("a-b.partial.mar"))) {
      assertEquals(f.entries(), r.entries());
      for (MarEntry e : r.entries()) {
        assertArrayEquals(MarTestFiles.raw(f, e), MarTestFiles.raw(r, e));
      }
    }
  }

  @Test
  void decodingStopsAtTheLimit() throws IOException {
    try (MarReader r = MarReader.open(MarTestFiles.golden("a-b.partial.mar"))) {
      MarEntry manifest = r.entry("updatev3.manifest").orElseThrow();
      long real = MarTestFiles.decoded(r, manifest).length;
      try (InputStream in = r.openDecoded(manifest, real)) {
        assertEquals(real, in.readAllBytes().length);
      }
      try (InputStream in = r.openDecoded(manifest, real - 1)) {
        assertThrows(
            EntryTooLargeException.class, () -> in.transferTo(new ByteArrayOutputStream()));
      }
    }
  }

  @Test
  void fileSizeLimitIsConfigurable() throws IOException {
    Path p = MarTestFiles.golden("a-b.partial.mar");
    long size = Files.size(p);
    MarFormatException e =
        assertThrows(
            MarFormatException.class, () -> MarReader.open(p, new MarReadOptions(size - 1)));
    assertEquals(MarFormatException.Reason.FILE_TOO_LARGE, e.reason());
    try (MarReader r = MarReader.open(p, new MarReadOptions(size))) {
      assertEquals(size, r.size());
    }
  }

  @Test
  void readsLegacyLayout() throws IOException {
    ByteArrayChannel ch = new ByteArrayChannel();
    try (MarWriter w = MarWriter.create(ch, MarWriteOptions.legacy())) {
      w.addEntry(
          "a.txt",
          0644,
          new java.io.ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));
      w.addEntry("b/c", 0755, new java.io.ByteArrayInputStream(new byte[0]));
      w.finish();
    }
    byte[] bytes = ch.toByteArray();
    try (MarReader r = MarTestFiles.open(bytes)) {
      assertEquals(MarLayout.LEGACY, r.layout());
      assertEquals(8, r.entries().get(0).offset());
      assertTrue(r.productInfo().isEmpty());
      assertEquals(
          "hello", new String(MarTestFiles.raw(r, r.entries().get(0)), StandardCharsets.UTF_8));
      assertEquals(0755, r.entries().get(1).mode());
    }
  }
}
