/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.senbonzakura.jobs.GoldenLocales;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.JobConfig;

/**
 * The whole job in local mode on real Delta tables: four "locales" of the golden pair (the same
 * trees plus a per-locale file), failure rows, a re-run, and a run with two more locales. Each test
 * stands alone: it has a storage root of its own and makes the runs it builds on itself (the input
 * MARs, which no run changes, are made once and shared).
 */
class PipelineTest {
  private static Path work;
  private static SparkSession spark;

  @BeforeAll
  static void setUp() throws Exception {
    work = Files.createTempDirectory("sbz-pipeline-");
    spark = TestSpark.session();
  }

  /** A new storage root (tables, blobs, partials) for one test. */
  private static JobConfig freshConfig(String test) throws Exception {
    return TestSpark.config(
        work.resolve("root-" + test),
        Map.of("sbz.fetch.allow-url-prefixes", List.of(work.resolve("mars").toUri().toString())));
  }

  /** The locale's tree of one side ("from" or "to"), as {@link #completeMar} packed it. */
  private static Path tree(String locale, String side) {
    return work.resolve("trees/" + locale + "/" + side);
  }

  /** A copy of a golden tree plus one locale file, packed as a complete MAR. */
  private static synchronized Path completeMar(String locale, String side) throws Exception {
    Path tree = tree(locale, side);
    Path mar = work.resolve("mars/" + locale + "-" + side + ".complete.mar");
    if (Files.exists(mar)) {
      return mar;
    }
    GoldenLocales.localeTree(tree, side, locale, 400);
    GoldenLocales.completeMar(tree, side.equals("to") ? "2.0" : "1.0", mar);
    return mar;
  }

  private static String row(String locale, Path from, Path to, String fromSha, String format)
      throws IOException {
    return GoldenLocales.requestRow("linux-x86_64", locale, from, to, fromSha, format);
  }

  private static String requests(List<String> locales, boolean withBadRows) throws Exception {
    StringBuilder csv = new StringBuilder(GoldenLocales.REQUESTS_HEADER);
    for (String l : locales) {
      Path from = completeMar(l, "from");
      Path to = completeMar(l, "to");
      csv.append(row(l, from, to, GoldenLocales.sha512(from), "current"));
    }
    if (withBadRows) {
      Path from = work.resolve("mars/" + locales.get(0) + "-from.complete.mar");
      Path to = work.resolve("mars/" + locales.get(0) + "-to.complete.mar");
      csv.append(row("xx-hash", from, to, "0".repeat(128), "current"));
      Path outside =
          Files.copy(
              from, Files.createTempFile("outside-", ".mar"), StandardCopyOption.REPLACE_EXISTING);
      csv.append(row("xx-url", outside, to, GoldenLocales.sha512(outside), "current"));
      Path hostile = work.resolve("mars/hostile.mar");
      GoldenLocales.hostileMar(hostile);
      csv.append(row("xx-hostile", hostile, to, GoldenLocales.sha512(hostile), "current"));
      csv.append(row("xx-field", from, to, GoldenLocales.sha512(from), "zucchini"));
    }
    Path file = work.resolve("requests-" + locales.size() + "-" + withBadRows + ".csv");
    Files.writeString(file, csv.toString());
    return file.toString();
  }

  private static Map<String, Row> results(JobConfig config) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : spark.read().format("delta").load(config.resultsTable).collectAsList()) {
      m.put(r.getAs("locale"), r);
    }
    return m;
  }

  /** Distinct changed pairs of these locales, from the trees on disk (independent of the job). */
  private static int distinctChangedPairs(List<String> locales) throws Exception {
    List<Path[]> trees = new ArrayList<>();
    for (String l : locales) {
      trees.add(new Path[] {tree(l, "from"), tree(l, "to")});
    }
    return GoldenLocales.distinctChangedPairs(trees);
  }

  private static Row lastRun(JobConfig config) {
    return spark
        .read()
        .format("delta")
        .load(config.runsTable)
        .orderBy(org.apache.spark.sql.functions.col("started_at").desc())
        .first();
  }

  @Test
  void everyPartialAppliesAndBadRowsFailAlone() throws Exception {
    JobConfig config = freshConfig("first-run");
    List<String> locales = List.of("de", "fr", "ja", "it");
    String req = requests(locales, true);
    RunStats s = new Pipeline(spark, config).run(req, "auto");
    assertEquals(8, s.requests);
    Map<String, Row> r = results(config);
    for (String l : locales) {
      Row row = r.get(l);
      assertEquals("done", row.getAs("status"), l + ": " + row.getAs("error"));
      Path partial = Path.of(URI.create((String) row.getAs("partial_path")));
      assertEquals(row.<String>getAs("partial_sha512"), GoldenLocales.sha512(partial));
      GoldenLocales.assertApplies(
          partial, tree(l, "from"), tree(l, "to"), work.resolve("apply/" + l), l);
    }
    assertTrue(((String) r.get("xx-hash").getAs("error")).contains("SHA-512 mismatch"));
    assertTrue(((String) r.get("xx-url").getAs("error")).contains("allow-list"));
    assertTrue(((String) r.get("xx-hostile").getAs("error")).contains("cannot explode MAR"));
    assertTrue(
        ((String) r.get("xx-field").getAs("error")).contains("format must be current or legacy"));
    for (String l : List.of("xx-hash", "xx-url", "xx-hostile", "xx-field")) {
      assertEquals("failed", r.get(l).getAs("status"));
    }
    Row run = lastRun(config);
    assertEquals(distinctChangedPairs(locales), run.<Long>getAs("distinct_pairs"));
    assertEquals(run.<Long>getAs("distinct_pairs"), run.<Long>getAs("diffs_computed"));
  }

  @Test
  void aReRunComputesNothingAndKeepsTheResults() throws Exception {
    JobConfig config = freshConfig("re-run");
    String req = requests(List.of("de", "fr", "ja", "it"), true);
    RunStats first = new Pipeline(spark, config).run(req, "auto");
    assertEquals(4, first.done, "the run this test re-runs");
    Map<String, Row> before = results(config);
    RunStats s = new Pipeline(spark, config).run(req, "auto");
    assertEquals(0, s.diffsComputed);
    assertEquals(4, s.reused);
    Map<String, Row> after = results(config);
    for (String l : List.of("de", "fr", "ja", "it")) {
      assertEquals("reused", after.get(l).getAs("status"));
      for (String c :
          List.of(
              "request_id",
              "partial_path",
              "partial_sha512",
              "partial_size",
              "patched_files",
              "added_files",
              "removed_files")) {
        assertEquals(before.get(l).<Object>getAs(c), after.get(l).getAs(c), l + " " + c);
      }
    }
  }

  /**
   * A re-run whose every request is finished skips the stages from fetch to assemble: it fetches
   * and explodes nothing and commits to none of their tables (their Delta versions stay put).
   */
  @Test
  void aReRunOfFinishedRequestsCommitsOnlyItsResults() throws Exception {
    JobConfig config = freshConfig("re-run-finished");
    String req = requests(List.of("de", "fr"), false);
    RunStats first = new Pipeline(spark, config).run(req, "auto");
    assertEquals(2, first.done, "the run this test re-runs");
    List<String> stageTables =
        List.of(config.marFilesTable, config.marsTable, config.patchCacheTable);
    Map<String, Long> versions = new HashMap<>();
    for (String t : stageTables) {
      versions.put(t, version(t));
    }
    long resultsVersion = version(config.resultsTable);
    RunStats s;
    try (SparkJobLog jobs = new SparkJobLog(spark)) {
      s = new Pipeline(spark, config).run(req, "auto");
      for (String stage :
          List.of("FetchStage", "ExplodeStage", "AttachStage", "PairStage", "DedupStage")) {
        assertEquals(
            List.of(), jobs.containing(stage + ".java"), stage + " ran with nothing to do");
      }
    }
    assertEquals(2, s.reused);
    assertEquals(0, s.distinctMars);
    assertEquals(0, s.changedPairs);
    for (String t : stageTables) {
      assertEquals(versions.get(t), version(t), t + " was written by a run with nothing to do");
    }
    assertEquals(resultsVersion + 1, version(config.resultsTable), "the reused rows, one commit");
    Map<String, Row> after = results(config);
    for (String l : List.of("de", "fr")) {
      assertEquals("reused", after.get(l).getAs("status"));
      assertEquals(s.runId, after.get(l).getAs("run_id"));
    }
  }

  private static long version(String table) {
    return io.delta.tables.DeltaTable.forPath(spark, table)
        .history(1)
        .first()
        .<Long>getAs("version");
  }

  @Test
  void twoNewLocalesComputeOnlyTheirOwnPairs() throws Exception {
    JobConfig config = freshConfig("new-locales");
    RunStats first =
        new Pipeline(spark, config).run(requests(List.of("de", "fr", "ja", "it"), false), "auto");
    assertEquals(4, first.done, "the run the new locales come after");
    String req = requests(List.of("de", "fr", "ja", "it", "pt", "nl"), false);
    RunStats s = new Pipeline(spark, config).run(req, "auto");
    assertEquals(2, s.diffsComputed, "only the two new locale files' pairs");
    assertEquals(2, s.done);
    assertEquals(4, s.reused);
    assertNotNull(results(config).get("nl").getAs("partial_path"));
  }
}
