/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.compress.EntryCodecs;
import org.senbonzakura.compress.EntryTooLargeException;
import org.senbonzakura.mar.ProductInfo;
import org.senbonzakura.update.MarItem;
import org.senbonzakura.update.UpdateTools;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

/**
 * Issue #19, hostile item 4: a small MAR whose entry decodes past the decoded-entry limit gets the
 * library's one-line refusal at every CLI entry point, and nothing is written. The limit is lowered
 * through {@link EntryCodecs#LIMIT_PROPERTY} so that the bomb stays small; that every entry point
 * honours the property shows that each goes through {@link EntryCodecs#decodedLimit()}, whose
 * production value {@code EntryCodecsLimitTest} checks.
 */
class DecodedEntryLimitTest {
  private static final Path GOLDEN =
      Paths.get(System.getProperty("sbz.shared"), "golden", "partial-small");

  /** The lowered limit: 16 MiB, so the bomb is cheap to build and to decode. */
  private static final long LIMIT = 16L << 20;

  private static final String REFUSAL = "decoded entry exceeds the limit of " + LIMIT + " bytes";

  @TempDir Path tmp;

  private record Run(int rc, String out, String err) {}

  @BeforeEach
  void lowerTheLimit() {
    System.setProperty(EntryCodecs.LIMIT_PROPERTY, Long.toString(LIMIT));
  }

  @AfterEach
  void restoreTheLimit() {
    System.clearProperty(EntryCodecs.LIMIT_PROPERTY);
  }

  private static Run sbz(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        Sbz.run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** An xz stream of {@code size} zero bytes: a few kilobytes that decode to {@code size}. */
  static byte[] xzBomb(long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LZMA2Options small = new LZMA2Options(0); // 256 KiB dictionary: the decoder stays small
    try (XZOutputStream xz = new XZOutputStream(out, small, XZ.CHECK_CRC64)) {
      byte[] zeros = new byte[1 << 20];
      for (long left = size; left > 0; left -= zeros.length) {
        xz.write(zeros, 0, (int) Math.min(left, zeros.length));
      }
    }
    return out.toByteArray();
  }

  private static byte[] xz(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EntryCodecs.compressXz(
        new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), out, false);
    return out.toByteArray();
  }

  /** A complete MAR holding {@code libxul.so} as a bomb just over the limit. */
  private Path bombMar() throws IOException {
    Path mar = tmp.resolve("bomb.complete.mar");
    String manifest = "type \"complete\"\nadd \"libxul.so\"\n";
    UpdateTools.marIo()
        .write(
            mar,
            new ProductInfo("release", "2.0"),
            List.of(
                new MarItem("updatev3.manifest", 0644, xz(manifest)),
                new MarItem("libxul.so", 0755, xzBomb(LIMIT + 1))));
    assertTrue(Files.size(mar) < 64 * 1024, "the bomb MAR is small: " + Files.size(mar));
    return mar;
  }

  private static void assertRefused(Run r, String command) {
    assertEquals(1, r.rc(), r.err());
    String line = r.err().strip();
    assertFalse(line.contains("\n"), "one line: " + r.err());
    assertTrue(line.startsWith("sbz " + command + ": "), r.err());
    assertTrue(line.endsWith(REFUSAL), r.err());
  }

  private static List<Path> contents(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).sorted().toList();
    }
  }

  @Test
  void partialRefusesTheBombAndWritesNothing() throws IOException {
    Path out = tmp.resolve("out.partial.mar");
    Run r =
        sbz(
            "partial",
            GOLDEN.resolve("a.complete.mar").toString(),
            bombMar().toString(),
            "-o",
            out.toString());
    assertRefused(r, "partial");
    assertFalse(Files.exists(out));
    assertEquals(List.of(tmp.resolve("bomb.complete.mar")), contents(tmp));
  }

  @Test
  void applyRefusesTheBombAndLeavesTheInstallationAsItWas() throws IOException {
    Path install = Files.createDirectories(tmp.resolve("install"));
    Files.writeString(install.resolve("libxul.so"), "old");
    Path mar = bombMar();
    assertRefused(sbz("apply", mar.toString(), "--to", install.toString()), "apply");
    assertEquals(List.of(install.resolve("libxul.so")), contents(install));
    assertEquals("old", Files.readString(install.resolve("libxul.so")));
    assertEquals(List.of(mar, install, install.resolve("libxul.so")), contents(tmp));
  }

  @Test
  void marExtractRefusesTheBombAndLeavesNoPartFile() throws IOException {
    Path mar = bombMar();
    Path dir = tmp.resolve("x");
    assertRefused(sbz("mar", "extract", "-C", dir.toString(), mar.toString()), "mar");
    assertFalse(Files.exists(dir.resolve("libxul.so")));
    for (Path p : contents(dir)) {
      assertFalse(p.getFileName().toString().endsWith(".part"), "left behind: " + p);
    }
  }

  @Test
  void completeDoesNotReuseABombAsABaseEntry() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("tree"));
    byte[] content = new byte[1000];
    Files.write(dir.resolve("libxul.so"), content);
    Path out = tmp.resolve("new.complete.mar");
    Run r =
        sbz(
            "complete",
            dir.toString(),
            "-o",
            out.toString(),
            "-H",
            "release",
            "-V",
            "2.0",
            "--write-precomplete",
            "--reuse",
            bombMar().toString());
    assertEquals(0, r.rc(), r.err());
    var items = UpdateTools.marIo().read(out).items();
    MarItem lib = items.stream().filter(i -> i.name().equals("libxul.so")).findFirst().get();
    assertArrayEquals(content, UpdateTools.codec().decompress(lib.data()));
  }

  @Test
  void decodingIntoMemoryRefusesBeforeAllocatingTheOutput() throws IOException {
    byte[] bomb = xzBomb(LIMIT + 1);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    EntryTooLargeException e =
        assertThrows(EntryTooLargeException.class, () -> UpdateTools.codec().decompress(bomb));
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals(LIMIT, e.limit());
    // decoder buffers only (a 256 KiB dictionary and copy buffers), never the 16 MiB of output
    assertTrue(allocated < LIMIT / 4, "allocated " + allocated + " bytes before refusing");
  }
}
