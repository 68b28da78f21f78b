/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.compress.EntryCodecs;

class MarWriterTest {
  @TempDir Path tmp;

  /** Given the same compressed entries, our MAR equals the one Mozilla's {@code mar -c} wrote. */
  @Test
  void rebuildsGoldenMarsByteForByte() throws IOException {
    List<Path> mars = MarTestFiles.goldenMars();
    assertEquals(3, mars.size());
    for (Path golden : mars) {
      byte[] expected = Files.readAllBytes(golden);
      Path out = tmp.resolve(golden.getFileName());
      List<MarEntrySpec> plan = new ArrayList<>();
      try (MarReader r = MarReader.open(golden);
          MarWriter w = MarWriter.create(out, MarWriteOptions.of(r.productInfo().orElseThrow()))) {
        for (MarEntry e : r.entries()) {
          w.addEntry(e.name(), e.mode(), r.openRaw(e), e.length());
          plan.add(new MarEntrySpec(e.name(), e.mode(), e.length()));
        }
        w.finish();
      }
      assertArrayEquals(expected, Files.readAllBytes(out), "MarWriter rebuild of " + golden);

      ByteArrayOutputStream streamed = new ByteArrayOutputStream();
      try (MarReader r = MarReader.open(golden);
          MarStreamWriter w =
              MarStreamWriter.start(
                  streamed, MarWriteOptions.of(r.productInfo().orElseThrow()), plan)) {
        for (MarEntry e : r.entries()) {
          w.writeEntry(r.openRaw(e));
        }
        w.finish();
      }
      assertArrayEquals(expected, streamed.toByteArray(), "MarStreamWriter rebuild of " + golden);
    }
  }

  @Test
  void closeWithoutFinishLeavesNoMarAndKeepsWhatWasThere() throws IOException {
    Path dir = tmp;
    Path fresh = dir.resolve("fresh.mar");
    try (MarWriter w = MarWriter.create(fresh, MarWriteOptions.of("c", "1"))) {
      w.addEntry("x", 0644, new ByteArrayInputStream(new byte[1000]));
      assertFalse(Files.exists(fresh), "visible before finish()");
    }
    assertFalse(Files.exists(fresh));
    Path existing = dir.resolve("existing.mar");
    Files.writeString(existing, "an older MAR");
    try (MarWriter w = MarWriter.create(existing, MarWriteOptions.of("c", "1"))) {
      w.addEntry("x", 0644, new ByteArrayInputStream(new byte[1000]));
    }
    assertEquals("an older MAR", Files.readString(existing));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(existing), files.toList(), "a temporary file was left behind");
    }
    try (MarWriter w = MarWriter.create(existing, MarWriteOptions.of("c", "1"))) {
      w.addEntry("x", 0644, new ByteArrayInputStream(new byte[] {7}));
      w.finish();
    }
    try (MarReader r = MarReader.open(existing)) {
      assertEquals(1, r.entries().size());
    }
  }

  @Test
  void closeWithoutFinishTruncatesACallersChannel() throws IOException {
    ByteArrayChannel ch = new ByteArrayChannel();
    ch.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
    try (MarWriter w = MarWriter.create(ch, MarWriteOptions.of("c", "1"))) {
      w.addEntry("x", 0644, new ByteArrayInputStream(new byte[1000]));
    }
    assertEquals(3, ch.size());
  }

  @Test
  void unsignedDataStartsAt128() throws IOException {
    byte[] mar = build(MarWriteOptions.of("c", "1"), Map.of("x", new byte[] {1}), false);
    try (MarReader r = MarTestFiles.open(mar)) {
      assertEquals(128, r.entries().get(0).offset());
      assertEquals(104, r.sections().get(0).size());
    }
  }

  @Test
  void roundTripsXz() throws IOException {
    roundTrip(MarWriteOptions.of("sbz-test", "1.0"), sampleFiles(), false);
  }

  @Test
  void roundTripsXzWithX86Bcj() throws IOException {
    roundTrip(MarWriteOptions.of("sbz-test", "1.0"), sampleFiles(), true);
  }

  @Test
  void roundTripsBzip2Legacy() throws IOException {
    roundTrip(MarWriteOptions.legacy(), sampleFiles(), false);
  }

  @Test
  void roundTripsThousandsOfEntries() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i < 3000; i++) {
      files.put(
          "dir" + (i % 37) + "/file-" + i + ".txt",
          ("content " + i).getBytes(StandardCharsets.UTF_8));
    }
    roundTrip(MarWriteOptions.of("sbz-test", "1.0"), files, false);
  }

  @Test
  void refusesUnsafeAndRepeatedNames() throws IOException {
    try (MarWriter w = MarWriter.create(new ByteArrayChannel(), MarWriteOptions.of("c", "1"))) {
      assertThrows(MarFormatException.class, () -> w.addEntry("../x", 0644, empty()));
      assertThrows(MarFormatException.class, () -> w.addEntry("/x", 0644, empty()));
      w.addEntry("x", 0644, empty());
      MarFormatException e =
          assertThrows(MarFormatException.class, () -> w.addEntry("x", 0644, empty()));
      assertEquals(MarFormatException.Reason.NAME_REPEATED, e.reason());
    }
  }

  @Test
  void declaredLengthIsEnforced() throws IOException {
    try (MarWriter w = MarWriter.create(new ByteArrayChannel(), MarWriteOptions.of("c", "1"))) {
      assertThrows(
          MarException.class,
          () -> w.addEntry("x", 0644, new ByteArrayInputStream(new byte[3]), 2));
      assertThrows(
          MarException.class,
          () -> w.addEntry("y", 0644, new ByteArrayInputStream(new byte[3]), 4));
    }
  }

  private static ByteArrayInputStream empty() {
    return new ByteArrayInputStream(new byte[0]);
  }

  static Map<String, byte[]> sampleFiles() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    Random rnd = new Random(42);
    byte[] random = new byte[100_000];
    rnd.nextBytes(random);
    files.put("updatev3.manifest", "type \"partial\"\n".getBytes(StandardCharsets.UTF_8));
    files.put("empty.txt", new byte[0]);
    files.put("bin/tool", random);
    files.put("lib/libx.so", "ELF-ish ".repeat(5000).getBytes(StandardCharsets.UTF_8));
    files.put("défauts/prefs/日本語.js", "pref(\"a\", 1);\n".getBytes(StandardCharsets.UTF_8));
    return files;
  }

  /** Modes: names containing "bin/" are executable. */
  static int modeOf(String name) {
    return name.contains("bin/") ? 0755 : 0644;
  }

  static byte[] build(MarWriteOptions o, Map<String, byte[]> files, boolean x86)
      throws IOException {
    ByteArrayChannel ch = new ByteArrayChannel();
    try (MarWriter w = MarWriter.create(ch, o)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        if (o.layout() == MarLayout.LEGACY) {
          EntryCodecs.compressBzip2(new ByteArrayInputStream(f.getValue()), c);
        } else {
          EntryCodecs.compressXz(new ByteArrayInputStream(f.getValue()), c, x86);
        }
        w.addEntry(f.getKey(), modeOf(f.getKey()), new ByteArrayInputStream(c.toByteArray()));
      }
      w.finish();
    }
    return ch.toByteArray();
  }

  private static void roundTrip(MarWriteOptions o, Map<String, byte[]> files, boolean x86)
      throws IOException {
    byte[] mar = build(o, files, x86);
    try (MarReader r = MarTestFiles.open(mar)) {
      assertEquals(o.layout(), r.layout());
      assertEquals(List.copyOf(files.keySet()), r.entries().stream().map(MarEntry::name).toList());
      assertEquals(mar.length, r.size());
      for (MarEntry e : r.entries()) {
        assertEquals(modeOf(e.name()), e.mode(), e.name());
        assertArrayEquals(files.get(e.name()), MarTestFiles.decoded(r, e), e.name());
      }
      assertEquals(java.util.Optional.ofNullable(o.productInfo()), r.productInfo());
    }
  }
}
