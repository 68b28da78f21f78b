/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.JobConfig;

/**
 * The differ is chosen by {@code sbz.diff.mode} and keys the patch cache: a differ's early "full
 * wins" verdict becomes a patch-cache row without a patch, and the partials built from it still
 * turn FROM into TO; a run in another mode on the same storage diffs every pair again under its own
 * algorithm version and does not reuse the first mode's partials.
 */
class DiffModeTest {
  @Test
  void fullWinsVerdictsAreCachedAndAnotherModeHasItsOwnCache() throws Exception {
    SparkSession spark = TestSpark.session();
    Path work = Files.createTempDirectory("sbz-diffmode-");
    Path root = work.resolve("root");
    Path requests = GoldenPair.requests(work, "de,fr");

    JobConfig verdicts =
        TestSpark.config(
            root, Map.of("sbz.debug.differ-class", HalfFullWinsDiffer.class.getName()));
    RunStats first = new Pipeline(spark, verdicts).run(requests.toString(), "auto");
    assertEquals(2, first.done, "both requests");
    String algorithm = "test-half-full-wins/xz6";
    List<Row> cache =
        spark
            .read()
            .format("delta")
            .load(verdicts.patchCacheTable)
            .filter(col("algorithm_version").equalTo(algorithm))
            .collectAsList();
    assertEquals(first.distinctPairs, cache.size());
    assertEquals(first.distinctPairs, first.diffsComputed);
    long full = 0;
    for (Row r : cache) {
      if ("full".equals(r.getAs("outcome"))) {
        full++;
        assertNull(r.getAs("patch_path"), "no patch is stored for a full-wins verdict");
        assertEquals(0, r.<Long>getAs("new_size") % 2, "the differ's verdicts only");
        assertNotNull(r.getAs("full_size"));
      } else {
        assertEquals("patch", r.getAs("outcome"));
        assertTrue(Files.exists(Path.of(URI.create(r.getAs("patch_path")))));
      }
    }
    assertTrue(full > 0 && full < cache.size(), full + " of " + cache.size() + " full-wins");
    for (Row r : results(spark, verdicts)) {
      assertEquals(Versions.generator(algorithm), r.getAs("generator_version"));
      assertTrue(r.<Integer>getAs("patched_files") <= cache.size() - full);
      GoldenPair.assertTurnsFromIntoTo(
          Path.of(URI.create(r.getAs("partial_path"))), work.resolve("v-" + r.getAs("locale")));
    }

    JobConfig fast = TestSpark.config(root, Map.of("sbz.diff.mode", "fast"));
    RunStats second = new Pipeline(spark, fast).run(requests.toString(), "auto");
    assertEquals(2, second.done, "not reused: another generator version");
    assertEquals(second.distinctPairs, second.diffsComputed, "fast mode has its own cache rows");
    for (Row r : results(spark, fast)) {
      assertEquals(Versions.RELEASE + "/mbdiff10-fast/xz6-nice96", r.getAs("generator_version"));
      GoldenPair.assertTurnsFromIntoTo(
          Path.of(URI.create(r.getAs("partial_path"))), work.resolve("f-" + r.getAs("locale")));
    }
  }

  private static List<Row> results(SparkSession spark, JobConfig config) {
    return spark.read().format("delta").load(config.resultsTable).collectAsList();
  }
}
