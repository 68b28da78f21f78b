/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.senbonzakura.jobs.GoldenLocales;
import org.senbonzakura.jobs.storage.Storage;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * The "locales" workload of the pipeline test, for the scale-out tests: per locale, a copy of the
 * golden pair's FROM and TO trees plus one locale file, packed as complete MARs, and a requests
 * file naming them. The golden files are the same in every locale, so requests share most pairs
 * (what dedup and concurrent runs are about); the locale files make each request's own pairs, and
 * their size sets how long the diff stage runs. The checks read the job's real outputs: each
 * partial is applied to its FROM tree and must give the TO tree, and the Delta tables must hold
 * each key once.
 */
final class LocaleWorkload {
  private final Path work;
  private final int localeLines;
  private final Map<String, Path[]> trees = new HashMap<>();
  private final Map<String, Path[]> mars = new HashMap<>();

  /**
   * @param work a local directory for the trees, the MARs and the requests files
   * @param localeLines lines of each locale file (400: tiny; 100,000: about 2 MB, a diff that takes
   *     seconds)
   */
  LocaleWorkload(Path work, int localeLines) {
    this.work = work;
    this.localeLines = localeLines;
  }

  /** The URL prefix the job must allow to fetch the MARs. */
  String marsUrlPrefix() {
    return work.resolve("mars").toUri().toString();
  }

  /** Writes a CSV requests file for these locales (building their MARs once). */
  Path requests(String name, List<String> locales) throws IOException {
    StringBuilder csv = new StringBuilder(GoldenLocales.REQUESTS_HEADER);
    for (String locale : locales) {
      Path[] pair = mars(locale);
      csv.append(
          GoldenLocales.requestRow(
              "linux-x86_64", locale, pair[0], pair[1], sha512(pair[0]), "current"));
    }
    Path file = work.resolve(name + ".csv");
    Files.writeString(file, csv.toString());
    return file;
  }

  /** Distinct changed (old, new) pairs of these locales, from the trees (not from the job). */
  int distinctChangedPairs(List<String> locales) throws IOException {
    List<Path[]> pairs = new ArrayList<>();
    for (String locale : locales) {
      mars(locale);
      pairs.add(trees.get(locale));
    }
    return GoldenLocales.distinctChangedPairs(pairs);
  }

  /** The result rows of a results table, by locale; fails on a locale with two rows. */
  static Map<String, Row> resultsByLocale(SparkSession spark, String resultsTable) {
    Map<String, Row> byLocale = new TreeMap<>();
    for (Row r : spark.read().format("delta").load(resultsTable).collectAsList()) {
      Row before = byLocale.put(r.getAs("locale"), r);
      assertEquals(null, before, "one result row per locale: " + r.getAs("locale"));
    }
    return byLocale;
  }

  /**
   * Asserts that every locale's result is done (or reused), that its partial is stored with the
   * recorded SHA-512, and that applying it to the FROM tree gives the TO tree.
   */
  void assertEveryPartialApplies(
      Map<String, Row> results, List<String> locales, Configuration hadoop) throws IOException {
    Storage storage = new Storage(hadoop);
    for (String locale : locales) {
      Row row = results.get(locale);
      assertNotNull(row, "a result row for " + locale + " in " + results.keySet());
      String status = row.getAs("status");
      assertEquals(
          true,
          status.equals("done") || status.equals("reused"),
          locale + ": " + status + " " + row.getAs("error"));
      String partialPath = row.getAs("partial_path");
      Path partial = Files.createTempFile(work, "partial-" + locale + "-", ".mar");
      try (InputStream in = storage.open(partialPath)) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      assertEquals(row.<String>getAs("partial_sha512"), sha512(partial), partialPath);
      Path install = Files.createTempDirectory(work, "apply-" + locale + "-");
      GoldenLocales.assertApplies(
          partial, trees.get(locale)[0], trees.get(locale)[1], install, locale);
      Files.delete(partial);
    }
  }

  /** Asserts that a Delta table holds no two rows with the same key, and returns its row count. */
  static long assertKeysUnique(SparkSession spark, String table, List<String> keys) {
    var frame = spark.read().format("delta").load(table);
    long rows = frame.count();
    long distinct =
        frame
            .select(keys.stream().map(functions::col).toArray(org.apache.spark.sql.Column[]::new))
            .distinct()
            .count();
    assertEquals(distinct, rows, "rows of " + table + " vs distinct keys " + keys);
    return rows;
  }

  /** The patch cache holds exactly one row per distinct pair of these locales. */
  void assertPatchCacheExact(SparkSession spark, String patchCacheTable, List<String> locales)
      throws IOException {
    long rows = assertKeysUnique(spark, patchCacheTable, TableSchemas.PATCH_CACHE_KEYS);
    assertEquals(distinctChangedPairs(locales), rows, "patch cache rows = distinct pairs");
  }

  private Path[] mars(String locale) throws IOException {
    Path[] pair = mars.get(locale);
    if (pair == null) {
      pair = new Path[] {completeMar(locale, "from"), completeMar(locale, "to")};
      mars.put(locale, pair);
    }
    return pair;
  }

  private Path completeMar(String locale, String side) throws IOException {
    Path tree = work.resolve("trees/" + locale + "/" + side);
    Path mar = work.resolve("mars/" + locale + "-" + side + ".complete.mar");
    GoldenLocales.localeTree(tree, side, locale, localeLines);
    GoldenLocales.completeMar(tree, side.equals("to") ? "2.0" : "1.0", mar);
    trees.computeIfAbsent(locale, k -> new Path[2])[side.equals("from") ? 0 : 1] = tree;
    return mar;
  }

  static String sha512(Path p) throws IOException {
    return GoldenLocales.sha512(p);
  }
}
