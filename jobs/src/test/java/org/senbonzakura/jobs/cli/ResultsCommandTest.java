/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * {@code sbz results} reads its tables with Delta Kernel and prints them by rules written down in
 * {@link TableListing}; here a real Spark read of the same tables, printed the way the command
 * printed before it dropped Spark, is the oracle. The rows are chosen where the rules could differ:
 * null sort keys, text whose UTF-8 and UTF-16 orders disagree, characters JSON must escape,
 * microseconds, a time zone off UTC, doubles without a short decimal form, and a table whose rows
 * were rewritten by a MERGE (files removed from the snapshot must not be read).
 */
class ResultsCommandTest {
  private static final String ZONE = "America/New_York";
  private static final List<String> RESULT_KEYS =
      List.of("product", "platform", "locale", "from_version", "to_version");

  @TempDir Path dir;

  @Test
  void printsTheResultsTableAsASparkReadPrintsIt() throws Exception {
    SparkSession spark = TestSpark.session();
    Path root = dir.resolve("root");
    String table = root.resolve("tables/results").toUri().toString();
    List<Row> first = new ArrayList<>();
    first.add(result("r1", "firefox", "linux-x86_64", "de", 1_765_000_000_123_456L, null));
    first.add(result("r2", null, "linux-x86_64", "fr", 1_765_000_001_000_000L, true));
    // U+FF21 sorts before U+1F600 in UTF-16 (a surrogate pair starts with D8xx) but after in UTF-8
    first.add(result("r3", "firefox", "linux-x86_64", "\uD83D\uDE00", 0L, false));
    first.add(result("r4", "firefox", "linux-x86_64", "\uFF21", -1L, null));
    first.add(result("r5", "firefox", null, "en-US", 1_765_000_002_999_999L, true));
    merge(spark, table, TableSchemas.RESULTS, first, TableSchemas.RESULTS_KEYS);
    // a second run rewrites r1 (failed, with an error JSON must escape) and adds r6
    List<Row> second = new ArrayList<>();
    Row r1 = result("r1", "firefox", "linux-x86_64", "de", 1_765_000_100_000_001L, false);
    Object[] v = new Object[r1.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r1.get(i);
    }
    v[TableSchemas.RESULTS.fieldIndex("status")] = "failed";
    v[TableSchemas.RESULTS.fieldIndex("error")] = "bad \"MAR\"\tline\nnext \\ é";
    v[TableSchemas.RESULTS.fieldIndex("partial_path")] = null;
    second.add(RowFactory.create(v));
    second.add(result("r6", "thunderbird", "win64", "ja", 1_765_000_200_000_000L, null));
    merge(spark, table, TableSchemas.RESULTS, second, TableSchemas.RESULTS_KEYS);

    Dataset<Row> read = spark.read().format("delta").load(table);
    assertEquals(6, read.count());
    List<String> cols = ResultsCommand.RESULT_COLUMNS;
    assertEquals(sparkTsv(read.orderBy(keys(RESULT_KEYS)), cols), sbz(root));
    assertEquals(sparkJson(spark, read.orderBy(keys(RESULT_KEYS))), sbz(root, "--json"));
  }

  @Test
  void printsTheRunsTableAsASparkReadPrintsIt() throws Exception {
    SparkSession spark = TestSpark.session();
    Path root = dir.resolve("root");
    String table = root.resolve("tables/runs").toUri().toString();
    List<Row> rows = new ArrayList<>();
    double[] rates = {1.0 / 3, 1e-4, 0.0, 1.0, 12345678.9};
    for (int i = 0; i < rates.length; i++) {
      Object[] v = new Object[TableSchemas.RUNS.size()];
      for (StructField f : TableSchemas.RUNS.fields()) {
        int at = TableSchemas.RUNS.fieldIndex(f.name());
        v[at] =
            switch (f.name()) {
              case "run_id" -> "run-" + i;
              case "started_at" -> micros(1_765_000_000_000_000L - i * 1_000_001L);
              case "l1_hit_rate" -> rates[i];
              case "l2_hit_rate" -> rates[rates.length - 1 - i];
              case "generator_version" -> "sbz-test";
              default -> (long) i * 1000 + at;
            };
      }
      rows.add(RowFactory.create(v));
    }
    merge(spark, table, TableSchemas.RUNS, rows, TableSchemas.RUNS_KEYS);
    Dataset<Row> read = spark.read().format("delta").load(table);
    assertEquals(
        sparkTsv(read.orderBy("started_at"), ResultsCommand.RUN_COLUMNS), sbz(root, "--runs"));
    assertEquals(sparkJson(spark, read.orderBy("started_at")), sbz(root, "--runs", "--json"));
  }

  /** A root without tables: the header alone, as a Spark read of an empty table printed. */
  @Test
  void printsOnlyTheHeaderWithoutATable() throws Exception {
    Path root = dir.resolve("empty");
    assertEquals(List.of(String.join("\t", ResultsCommand.RESULT_COLUMNS)), sbz(root));
    assertEquals(List.of(), sbz(root, "--json"));
  }

  /** MERGEs {@code rows} into the table as the pipeline writes it (matched keys replaced). */
  private static void merge(
      SparkSession spark, String table, StructType schema, List<Row> rows, List<String> keys) {
    DeltaTables.merge(spark, table, schema, spark.createDataFrame(rows, schema), keys, true);
  }

  private List<String> sbz(Path root, String... more) throws Exception {
    List<String> argv = new ArrayList<>(List.of("--storage-root", root.toString()));
    argv.addAll(List.of("--spark-conf", "spark.sql.session.timeZone=" + ZONE));
    argv.addAll(List.of(more));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = new ResultsCommand().run(argv, o, e);
    }
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.isEmpty() || text.endsWith("\n"), text);
    return text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0, count(text));
  }

  private static int count(String text) {
    return (int) text.chars().filter(c -> c == '\n').count();
  }

  /** What the command printed when it read with Spark: {@code Row.get(i).toString()}. */
  private static List<String> sparkTsv(Dataset<Row> sorted, List<String> cols) {
    List<String> lines = new ArrayList<>();
    lines.add(String.join("\t", cols));
    for (Row r : sorted.selectExpr(cols.toArray(new String[0])).collectAsList()) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length(); i++) {
        line.append(i == 0 ? "" : "\t").append(r.isNullAt(i) ? "" : r.get(i).toString());
      }
      lines.add(line.toString());
    }
    // the error text holds a newline: compare line by line, as a reader of the output sees it
    return List.of(String.join("\n", lines).split("\n", -1));
  }

  private static List<String> sparkJson(SparkSession spark, Dataset<Row> sorted) {
    String before = spark.conf().get("spark.sql.session.timeZone");
    spark.conf().set("spark.sql.session.timeZone", ZONE);
    try {
      return sorted.toJSON().collectAsList();
    } finally {
      spark.conf().set("spark.sql.session.timeZone", before);
    }
  }

  private static org.apache.spark.sql.Column[] keys(List<String> names) {
    return names.stream()
        .map(org.apache.spark.sql.functions::col)
        .toArray(org.apache.spark.sql.Column[]::new);
  }

  private static Timestamp micros(long micros) {
    Timestamp t = new Timestamp(Math.floorDiv(micros, 1000L));
    t.setNanos((int) Math.floorMod(micros, 1_000_000L) * 1000);
    return t;
  }

  private static Row result(
      String id,
      String product,
      String platform,
      String locale,
      long updatedMicros,
      Boolean signed) {
    StructType s = TableSchemas.RESULTS;
    Map<String, Object> m = new HashMap<>();
    m.put("request_id", id);
    m.put("product", product);
    m.put("platform", platform);
    m.put("locale", locale);
    m.put("from_version", "1.0");
    m.put("to_version", "2.0");
    m.put("status", "done");
    m.put("partial_path", "file:/p/" + id + ".mar");
    m.put("partial_size", 1000L + id.hashCode());
    m.put("patched_files", 7);
    m.put("added_files", 0);
    m.put("l1_hits", 2);
    m.put("fetch_ms", 1234L);
    m.put("run_id", "run-" + id);
    m.put("generator_version", "sbz-test");
    m.put("updated_at", micros(updatedMicros));
    m.put("signed", signed);
    Object[] v = new Object[s.size()];
    for (StructField f : s.fields()) {
      v[s.fieldIndex(f.name())] = m.get(f.name());
    }
    return RowFactory.create(v);
  }
}
