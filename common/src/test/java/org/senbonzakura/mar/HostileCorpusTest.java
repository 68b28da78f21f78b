/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.senbonzakura.mar.MarFormatException.Reason;

/**
 * The checked-in hostile corpus: every reading rule has a file, each file fails with its own {@link
 * Reason} (and only as {@link MarFormatException}), and the files are exactly what {@link
 * HostileMarGenerator} produces.
 */
class HostileCorpusTest {
  private static final Path DIR = corpusDir();

  private static Path corpusDir() {
    try {
      return Path.of(HostileCorpusTest.class.getResource("/mar/hostile").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @TestFactory
  Stream<DynamicTest> eachCaseFailsWithItsOwnReason() {
    return HostileMarGenerator.cases().entrySet().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.getKey() + " -> " + c.getValue().reason(),
                    () -> {
                      Path file = DIR.resolve(c.getKey() + ".mar");
                      byte[] bytes = Files.readAllBytes(file);
                      try (MarReader r =
                          MarReader.open(file, new MarReadOptions(c.getValue().maxFileSize()))) {
                        fail(c.getKey() + " opened with " + r.entries().size() + " entries");
                      } catch (MarFormatException e) {
                        assertEquals(c.getValue().reason(), e.reason(), e.getMessage());
                        assertTrue(e.getMessage().length() > 10, "message says what is wrong");
                      }
                      // the same from an in-memory channel
                      try (MarReader r =
                          MarReader.open(
                              new ByteArrayChannel(bytes),
                              bytes.length,
                              new MarReadOptions(c.getValue().maxFileSize()))) {
                        fail(c.getKey() + " opened from a channel, " + r.size() + " bytes");
                      } catch (MarFormatException e) {
                        assertEquals(c.getValue().reason(), e.reason());
                      }
                    }));
  }

  @Test
  void checkedInFilesEqualTheGeneratorOutput() throws IOException {
    Map<String, HostileMarGenerator.Case> cases = HostileMarGenerator.cases();
    Set<String> onDisk;
    try (Stream<Path> s = Files.list(DIR)) {
      onDisk = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
    assertEquals(cases.keySet().stream().map(n -> n + ".mar").collect(Collectors.toSet()), onDisk);
    for (Map.Entry<String, HostileMarGenerator.Case> c : cases.entrySet()) {
      assertArrayEquals(
          c.getValue().bytes(), Files.readAllBytes(DIR.resolve(c.getKey() + ".mar")), c.getKey());
    }
  }

  @Test
  void everyReasonIsCovered() {
    Set<Reason> covered = EnumSet.noneOf(Reason.class);
    HostileMarGenerator.cases().values().forEach(c -> covered.add(c.reason()));
    assertEquals(EnumSet.allOf(Reason.class), covered);
  }

  @Test
  void validEdgeCasesOpen() throws IOException {
    for (Map.Entry<String, byte[]> c : HostileMarGenerator.validEdgeCases().entrySet()) {
      try (MarReader r = MarTestFiles.open(c.getValue())) {
        assertTrue(r.entries().size() >= 2, c.getKey());
        for (MarEntry e : r.entries()) {
          try (InputStream in = r.openRaw(e)) {
            assertEquals(e.length(), in.readAllBytes().length);
          }
        }
      }
    }
  }
}
