/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every patch Mozilla's mbsdiff wrote in the shared golden set, reproduced byte for byte. */
class GoldenPatchTest {
  static Path dir() {
    return Path.of(System.getProperty("sbz.shared"), "golden", "mbsdiff");
  }

  static List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir())) {
      List<String> names =
          s.map(p -> p.getFileName().toString())
              .filter(f -> f.endsWith(".mbsdiff"))
              .map(f -> f.substring(0, f.length() - ".mbsdiff".length()))
              .sorted()
              .collect(Collectors.toList());
      assertFalse(names.isEmpty(), "no golden patches in " + dir());
      return names;
    }
  }

  private static byte[] read(String name, String ext) throws IOException {
    return Files.readAllBytes(dir().resolve(name + ext));
  }

  @ParameterizedTest
  @MethodSource("names")
  void exactModeMatchesMozilla(String name) throws Exception {
    byte[] expected = read(name, ".mbsdiff");
    byte[] actual = MbDiff.diff(read(name, ".old"), read(name, ".new"), DiffOptions.exact());
    assertArrayEquals(expected, actual, name);
  }

  @ParameterizedTest
  @MethodSource("names")
  void mozillaPatchAppliesWithOurPatcher(String name) throws Exception {
    byte[] out = MbPatch.apply(read(name, ".old"), read(name, ".mbsdiff"));
    assertArrayEquals(read(name, ".new"), out, name);
  }

  @ParameterizedTest
  @MethodSource("names")
  void fastModeRoundTrips(String name) throws Exception {
    byte[] old = read(name, ".old");
    byte[] neu = read(name, ".new");
    byte[] patch = MbDiff.diff(old, neu, DiffOptions.fast().withChunkSize(4096));
    assertArrayEquals(neu, MbPatch.apply(old, patch), name);
  }
}
