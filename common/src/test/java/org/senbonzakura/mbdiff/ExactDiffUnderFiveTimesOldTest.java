/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sbz diff --exact} in a JVM whose heap is 5 × the old file (issue #15): the suffix array
 * alone is 4 × old, so the old bytes cannot sit beside it in the old generation; the path API maps
 * them instead, and the patch is the byte[] API's. With the old file read onto the heap this runs
 * out of memory.
 */
class ExactDiffUnderFiveTimesOldTest {
  private static final int OLD_MIB = 16;

  @Test
  void diffsWithTheOldFileMapped(@TempDir Path dir) throws Exception {
    ExactPairs.Pair p = ExactPairs.edited(15, OLD_MIB << 20, 60);
    Path old = Files.write(dir.resolve("old"), p.old());
    Path neu = Files.write(dir.resolve("new"), p.neu());
    Path patch = dir.resolve("patch");
    Path log = dir.resolve("sbz.log");
    // A small young generation, so the old generation (heap less young) holds the 4 × old suffix
    // array and little else: 5 × old - 8 MiB, less than the 5 × old the heap form needs.
    String heap = "-Xmx" + (5 * OLD_MIB) + "m";
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            heap,
            "-Xmn8m",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            org.senbonzakura.cli.Sbz.class.getName(),
            "diff",
            old.toString(),
            neu.toString(),
            patch.toString(),
            "--exact",
            "--verbose");
    Process proc =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int rc = proc.waitFor();
    String text = Files.readString(log);
    assertEquals(0, rc, () -> "sbz diff --exact under " + heap + " failed:\n" + text);
    assertTrue(text.contains("old mapped"), text);
    assertArrayEquals(
        MbDiff.diff(p.old(), p.neu(), DiffOptions.exact()), Files.readAllBytes(patch));
  }
}
