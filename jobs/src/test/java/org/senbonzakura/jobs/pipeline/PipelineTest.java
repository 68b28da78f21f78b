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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.senbonzakura.jobs.GoldenLocales;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.JobConfig;

/**
 * The whole job in local mode on real Delta tables: four "locales" of the golden pair (the same
 * trees plus a per-locale file), failure rows, a re-run, and a run with two more locales.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineTest {
  private static Path work;
  private static SparkSession spark;
  private static JobConfig config;
  private static final Map<String, Path[]> TREES = new HashMap<>();

  @BeforeAll
  static void setUp() throws Exception {
    work = Files.createTempDirectory("sbz-pipeline-");
    spark = TestSpark.session();
    config =
        TestSpark.config(
            work.resolve("root"),
            Map.of(
                "sbz.fetch.allow-url-prefixes", List.of(work.resolve("mars").toUri().toString())));
  }

  /** A copy of a golden tree plus one locale file, packed as a complete MAR. */
  private static Path completeMar(String locale, String side) throws Exception {
    Path tree = work.resolve("trees/" + locale + "/" + side);
    Path mar = work.resolve("mars/" + locale + "-" + side + ".complete.mar");
    if (Files.exists(mar)) {
      return mar;
    }
    GoldenLocales.localeTree(tree, side, locale, 400);
    GoldenLocales.completeMar(tree, side.equals("to") ? "2.0" : "1.0", mar);
    TREES.computeIfAbsent(locale, k -> new Path[2])[side.equals("from") ? 0 : 1] = tree;
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

  private static Map<String, Row> results() {
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
      trees.add(TREES.get(l));
    }
    return GoldenLocales.distinctChangedPairs(trees);
  }

  private static Row lastRun() {
    return spark
        .read()
        .format("delta")
        .load(config.runsTable)
        .orderBy(org.apache.spark.sql.functions.col("started_at").desc())
        .first();
  }

  @Test
  @Order(1)
  void everyPartialAppliesAndBadRowsFailAlone() throws Exception {
    List<String> locales = List.of("de", "fr", "ja", "it");
    String req = requests(locales, true);
    RunStats s = new Pipeline(spark, config).run(req, "auto");
    assertEquals(8, s.requests);
    Map<String, Row> r = results();
    for (String l : locales) {
      Row row = r.get(l);
      assertEquals("done", row.getAs("status"), l + ": " + row.getAs("error"));
      Path partial = Path.of(URI.create((String) row.getAs("partial_path")));
      assertEquals(row.<String>getAs("partial_sha512"), GoldenLocales.sha512(partial));
      GoldenLocales.assertApplies(
          partial, TREES.get(l)[0], TREES.get(l)[1], work.resolve("apply/" + l), l);
    }
    assertTrue(((String) r.get("xx-hash").getAs("error")).contains("SHA-512 mismatch"));
    assertTrue(((String) r.get("xx-url").getAs("error")).contains("allow-list"));
    assertTrue(((String) r.get("xx-hostile").getAs("error")).contains("cannot explode MAR"));
    assertTrue(
        ((String) r.get("xx-field").getAs("error")).contains("format must be current or legacy"));
    for (String l : List.of("xx-hash", "xx-url", "xx-hostile", "xx-field")) {
      assertEquals("failed", r.get(l).getAs("status"));
    }
    Row run = lastRun();
    assertEquals(distinctChangedPairs(locales), run.<Long>getAs("distinct_pairs"));
    assertEquals(run.<Long>getAs("distinct_pairs"), run.<Long>getAs("diffs_computed"));
  }

  @Test
  @Order(2)
  void aReRunComputesNothingAndKeepsTheResults() throws Exception {
    Map<String, Row> before = results();
    String req = work.resolve("requests-4-true.csv").toString();
    RunStats s = new Pipeline(spark, config).run(req, "auto");
    assertEquals(0, s.diffsComputed);
    assertEquals(4, s.reused);
    Map<String, Row> after = results();
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

  @Test
  @Order(3)
  void twoNewLocalesComputeOnlyTheirOwnPairs() throws Exception {
    String req = requests(List.of("de", "fr", "ja", "it", "pt", "nl"), false);
    RunStats s = new Pipeline(spark, config).run(req, "auto");
    assertEquals(2, s.diffsComputed, "only the two new locale files' pairs");
    assertEquals(2, s.done);
    assertEquals(4, s.reused);
    assertNotNull(results().get("nl").getAs("partial_path"));
  }
}
