/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.senbonzakura.jobs.GoldenLocales;

/** The golden pair as pipeline requests, and the check that a partial turns its FROM into TO. */
final class GoldenPair {
  private GoldenPair() {}

  static Path golden() {
    return GoldenLocales.golden();
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
    GoldenLocales.assertApplies(
        partial, golden().resolve("from"), golden().resolve("to"), scratch, partial.toString());
  }
}
