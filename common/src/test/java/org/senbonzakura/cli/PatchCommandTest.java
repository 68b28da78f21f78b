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

class PatchCommandTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int sbz(String... args) {
    return Sbz.run(
        List.of(args),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void appliesMozillaPatch(@TempDir Path dir) throws Exception {
    Path result = dir.resolve("new");
    int rc =
        sbz(
            "patch",
            DiffCommandTest.golden("libmozgtk.so.old").toString(),
            DiffCommandTest.golden("libmozgtk.so.mbsdiff").toString(),
            result.toString());
    assertEquals(0, rc, err.toString());
    assertArrayEquals(
        Files.readAllBytes(DiffCommandTest.golden("libmozgtk.so.new")), Files.readAllBytes(result));
  }

  @Test
  void wrongSourceIsRefusedWithoutOutput(@TempDir Path dir) {
    Path result = dir.resolve("new");
    int rc =
        sbz(
            "patch",
            DiffCommandTest.golden("libmozgtk.so.new").toString(),
            DiffCommandTest.golden("libmozgtk.so.mbsdiff").toString(),
            result.toString());
    assertEquals(1, rc);
    assertTrue(err.toString().contains("source is"), err.toString());
    assertFalse(Files.exists(result));
  }

  @Test
  void wrongArgumentCount() {
    assertEquals(2, sbz("patch", "a", "b"));
  }
}
