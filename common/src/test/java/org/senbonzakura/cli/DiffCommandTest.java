/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int sbz(String... args) {
    return Sbz.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  static Path golden(String file) {
    return Path.of(System.getProperty("sbz.shared"), "golden", "mbsdiff", file);
  }

  @Test
  void exactIsTheDefaultAndMatchesMozilla(@TempDir Path dir) throws Exception {
    Path patch = dir.resolve("p");
    int rc =
        sbz(
            "diff",
            golden("glxtest.old").toString(),
            golden("glxtest.new").toString(),
            patch.toString());
    assertEquals(0, rc, err.toString());
    assertArrayEquals(Files.readAllBytes(golden("glxtest.mbsdiff")), Files.readAllBytes(patch));
  }

  @Test
  void fastWithThreadsRoundTripsThroughPatch(@TempDir Path dir) throws Exception {
    Path patch = dir.resolve("p");
    Path result = dir.resolve("n");
    String old = golden("pingsender.old").toString();
    assertEquals(
        0,
        sbz(
            "diff",
            old,
            golden("pingsender.new").toString(),
            patch.toString(),
            "--fast",
            "--threads",
            "2"),
        err.toString());
    assertEquals(0, sbz("patch", old, patch.toString(), result.toString()), err.toString());
    assertArrayEquals(Files.readAllBytes(golden("pingsender.new")), Files.readAllBytes(result));
  }

  /** Issue #19: the help states the early verdict's sampling as the code defines it. */
  @Test
  void helpDescribesTheSamplingFromItsConstants() {
    String usage = new DiffCommand().usage();
    assertTrue(usage.contains(org.senbonzakura.mbdiff.EarlyVerdict.samplingDescription()), usage);
    assertFalse(usage.contains("9 %"), usage);
  }

  @Test
  void usageErrors() {
    assertEquals(2, sbz("diff", "a", "b"));
    assertEquals(2, sbz("diff", "a", "b", "c", "--exact", "--fast"));
    assertEquals(2, sbz("diff", "a", "b", "c", "--threads", "0"));
    assertEquals(2, sbz("diff", "a", "b", "c", "--threads", "x"));
    assertEquals(2, sbz("diff", "a", "b", "c", "--bogus"));
  }

  @Test
  void missingInputIsAOneLineError(@TempDir Path dir) {
    assertEquals(1, sbz("diff", dir.resolve("nope").toString(), "b", dir.resolve("p").toString()));
    assertTrue(err.toString().contains("nope"), err.toString());
  }
}
