/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The checked-in hostile patches each fail with their specific error and write nothing. */
class HostilePatchTest {
  private static byte[] resource(String name) throws IOException {
    try (InputStream in = HostilePatchTest.class.getResourceAsStream("/mbdiff/hostile/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource mbdiff/hostile/" + name);
      }
      return in.readAllBytes();
    }
  }

  static List<String[]> corpus() throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : new String(resource("expected.tsv"), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        rows.add(line.split("\t"));
      }
    }
    return rows;
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void streamApplyRefuses(String name, String expected) throws Exception {
    byte[] patch = resource(name + ".patch");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MbDiffException e =
        assertThrows(
            MbDiffException.class,
            () -> MbPatch.apply(resource("source.bin"), new ByteArrayInputStream(patch), out));
    assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
    assertEquals(0, out.size(), name + " wrote output");
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void fileApplyRefusesWithoutCreatingOutput(String name, String expected, @TempDir Path dir)
      throws Exception {
    Path old = Files.write(dir.resolve("old"), resource("source.bin"));
    Path patch = Files.write(dir.resolve("p"), resource(name + ".patch"));
    Path out = dir.resolve("new");
    MbDiffException e = assertThrows(MbDiffException.class, () -> MbPatch.apply(old, patch, out));
    assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
    assertFalse(Files.exists(out), name + " created output");
  }

  @Test
  void checkedInCorpusIsWhatTheGeneratorWrites() throws Exception {
    Map<String, HostileCorpus.Case> cases = HostileCorpus.cases();
    assertEquals(cases.size(), corpus().size());
    assertArrayEquals(HostileCorpus.SOURCE, resource("source.bin"));
    for (String[] row : corpus()) {
      HostileCorpus.Case c = cases.get(row[0]);
      assertArrayEquals(c.patch(), resource(row[0] + ".patch"), row[0]);
      assertEquals(c.expected(), row[1]);
    }
  }

  @Test
  void theUnbrokenPatchApplies() throws Exception {
    byte[] valid = MbDiff.diff(HostileCorpus.SOURCE, HostileCorpus.TARGET, DiffOptions.exact());
    assertArrayEquals(HostileCorpus.TARGET, MbPatch.apply(HostileCorpus.SOURCE, valid));
  }
}
