/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.mar.MarContents;
import org.senbonzakura.mbdiff.MbPatch;
import org.senbonzakura.update.Applier;

/** The golden pair as pipeline requests, and the check that a partial turns its FROM into TO. */
final class GoldenPair {
  private GoldenPair() {}

  static Path golden() {
    return Path.of(TestSpark.shared(), "golden/partial-small");
  }

  /** A requests CSV for the golden complete MARs, one row per locale. */
  static Path requests(Path dir, String locales) throws Exception {
    Path out = dir.resolve("requests.csv");
    int status =
        org.senbonzakura.jobs.cli.JobsCli.run(
            List.of(
                "requests",
                "--from",
                golden().resolve("a.complete.mar").toString(),
                "--to",
                golden().resolve("b.complete.mar").toString(),
                "--locales",
                locales,
                "--out",
                out.toString()),
            System.out,
            System.err);
    assertEquals(0, status);
    return out;
  }

  /** Applies {@code partial} to a copy of the golden FROM tree and compares it with TO. */
  static void assertTurnsFromIntoTo(Path partial, Path scratch) throws Exception {
    copy(golden().resolve("from"), scratch);
    try (MarContents c = new MarContents(partial, 1L << 30)) {
      new Applier(MbPatch::apply).applyTo(scratch, c);
    }
    Path to = golden().resolve("to");
    try (Stream<Path> s = Files.walk(to)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        Path got = scratch.resolve(to.relativize(p).toString());
        if (!p.endsWith("update-settings.ini")) { // add-if-not keeps the installed copy
          assertTrue(Arrays.equals(Files.readAllBytes(p), Files.readAllBytes(got)), got.toString());
        }
      }
    }
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
