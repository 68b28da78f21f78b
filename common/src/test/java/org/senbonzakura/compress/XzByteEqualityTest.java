/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.senbonzakura.mar.MarEntry;
import org.senbonzakura.mar.MarReader;
import org.senbonzakura.mar.MarTestFiles;
import org.senbonzakura.update.EntryCompression;
import org.senbonzakura.update.UpdateTools;

/**
 * Byte equality of xz entries with XZ Utils, the compressor Mozilla's scripts run (spec §2.2:
 * {@code xz --compress [--x86] --lzma2 --format=xz --check=crc64}, BCJ on full files and manifests
 * of x86 targets, never on patches). The golden MARs were made by those scripts for linux x86_64.
 *
 * <p>Where bytes must match: the production entry codec ({@link UpdateTools#codec()}, which runs XZ
 * Utils when it is installed) on every entry of the golden complete and partial MARs, and the
 * {@code xz} binary itself run with the spec's command line (which shows the golden bytes are XZ
 * Utils' output, so the comparison means something). Where they need not: XZ for Java, the fallback
 * encoder, makes other match choices than liblzma on non-trivial input (docs/mar.md); for it only
 * empty entries are byte-equal, and every entry must decode back to its content.
 */
class XzByteEqualityTest {
  private static final List<String> MARS =
      List.of("a.complete.mar", "b.complete.mar", "a-b.partial.mar");

  /** One golden entry: its stored bytes, its content, and whether it is a full file. */
  private record Golden(String where, byte[] stored, byte[] content, boolean fullFile) {}

  private static List<Golden> goldenEntries() throws IOException {
    List<Golden> all = new ArrayList<>();
    for (String name : MARS) {
      try (MarReader r = MarReader.open(MarTestFiles.golden(name))) {
        for (MarEntry e : r.entries()) {
          all.add(
              new Golden(
                  name + "!" + e.name(),
                  MarTestFiles.raw(r, e),
                  MarTestFiles.decoded(r, e),
                  !e.name().endsWith(".patch")));
        }
      }
    }
    return all;
  }

  /** XZ Utils must be here in CI ({@code .ci/run} installs it); elsewhere its absence skips. */
  private static void needXzUtils() {
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(UpdateTools.usesXzUtils(), "CI needs XZ Utils (xz) for byte equality");
    }
    Assumptions.assumeTrue(UpdateTools.usesXzUtils(), "XZ Utils (xz) is not installed");
  }

  @Test
  void theXzBinaryWithTheSpecsCommandLineReproducesEveryGoldenEntry()
      throws IOException, InterruptedException {
    needXzUtils();
    int nonEmpty = 0;
    for (Golden g : goldenEntries()) {
      assertArrayEquals(g.stored(), xzUtils(g.content(), g.fullFile()), g.where());
      nonEmpty += g.content().length > 0 ? 1 : 0;
    }
    assertTrue(nonEmpty >= 10, "the golden MARs have real, non-empty entries: " + nonEmpty);
  }

  @Test
  void theProductionCodecIsByteIdenticalToMozillasEntries() throws IOException {
    needXzUtils();
    EntryCompression x86 = new EntryCompression(true, true);
    int patches = 0;
    for (Golden g : goldenEntries()) {
      assertArrayEquals(
          g.stored(), UpdateTools.codec().compress(g.content(), x86, g.fullFile()), g.where());
      patches += g.fullFile() ? 0 : 1;
    }
    assertTrue(patches > 0, "the golden partial has patches, compressed without BCJ");
  }

  @Test
  void xzForJavaEqualsXzUtilsOnEmptyEntriesAndAlwaysDecodesBack() throws IOException {
    int total = 0;
    int equal = 0;
    int empty = 0;
    StringBuilder report = new StringBuilder();
    for (Golden g : goldenEntries()) {
      byte[] ours = javaXz(g.content(), g.fullFile());
      assertArrayEquals(ours, javaXz(g.content(), g.fullFile()), "deterministic: " + g.where());
      try (InputStream d = EntryCodecs.decode(new ByteArrayInputStream(ours), g.content().length)) {
        assertArrayEquals(g.content(), d.readAllBytes(), g.where());
      }
      boolean same = java.util.Arrays.equals(g.stored(), ours);
      if (g.content().length == 0) {
        assertTrue(same, "empty entry " + g.where() + " must equal XZ Utils' output");
        empty++;
      }
      total++;
      equal += same ? 1 : 0;
      report.append(
          String.format(
              "%s %s: %d bytes, xz %d vs ours %d%n",
              same ? "EQUAL" : "DIFF ",
              g.where(),
              g.content().length,
              g.stored().length,
              ours.length));
    }
    System.out.printf(
        "XZ for Java byte equality with XZ Utils: %d of %d golden entries%n%s",
        equal, total, report);
    assertTrue(empty > 0, "the golden MARs have an empty entry");
  }

  private static byte[] javaXz(byte[] content, boolean x86) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EntryCodecs.compressXz(new ByteArrayInputStream(content), out, x86);
    return out.toByteArray();
  }

  /** Runs {@code xz} exactly as the spec's table gives it, without {@code XZ_OPT}. */
  private static byte[] xzUtils(byte[] content, boolean x86)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("xz", "--compress"));
    if (x86) {
      cmd.add("--x86");
    }
    cmd.addAll(List.of("--lzma2", "--format=xz", "--check=crc64", "--stdout"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().remove("XZ_OPT");
    pb.environment().remove("XZ_DEFAULTS");
    Path in = java.nio.file.Files.createTempFile("sbz-xz-", ".in");
    try {
      java.nio.file.Files.write(in, content);
      Process p = pb.redirectInput(in.toFile()).start();
      byte[] out;
      try (InputStream o = p.getInputStream()) {
        out = o.readAllBytes();
      }
      assertEquals(0, p.waitFor(), "xz exit status");
      return out;
    } finally {
      java.nio.file.Files.delete(in);
    }
  }
}
