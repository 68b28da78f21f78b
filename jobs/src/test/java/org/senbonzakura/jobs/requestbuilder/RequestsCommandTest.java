/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requestbuilder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.fetch.UrlPolicy;
import org.senbonzakura.jobs.requests.RequestReader;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * {@code sbz requests} end to end: what it writes (CSV, JSON lines, Parquet) is read and validated
 * without error by the pipeline's own {@link RequestReader}, and {@code --skip-done} drops the
 * paths the results table has as done.
 */
class RequestsCommandTest {
  @TempDir Path tmp;

  private String run(List<String> args, int expectedStatus) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new RequestsCommand()
            .run(
                args,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(expectedStatus, status, text);
    return text;
  }

  @Test
  void writesRequestsThePipelineAccepts() throws Exception {
    Path to = Releases.dir(tmp.resolve("to"), "3.0", "linux/de", "linux/fr", "win/de");
    Path from = Releases.dir(tmp.resolve("from"), "2.0", "linux/de", "win/de", "win/ja");
    SparkSession spark = TestSpark.session();
    RequestReader reader = new RequestReader(spark);
    UrlPolicy urls = new UrlPolicy(List.of(tmp.toUri().toString()));
    for (String out : List.of("r.csv", "r.json", "r.parquet")) {
      Path o = tmp.resolve(out);
      String log =
          run(
              List.of(
                  "--to",
                  to.toString(),
                  "--from",
                  from.toString(),
                  "--channel",
                  "release",
                  "--missing",
                  tmp.resolve("missing.csv").toString(),
                  "-o",
                  o.toString()),
              0);
      assertTrue(log.contains("wrote 2 update path(s)"), log);
      List<Row> rows = reader.read(o.toUri().toString(), "auto", urls).collectAsList();
      assertEquals(2, rows.size(), out);
      for (Row r : rows) {
        assertNull(r.getAs("error"), out + ": " + r);
        assertEquals("release", r.<String>getAs("channel"));
        assertEquals("2.0", r.<String>getAs("from_version"));
      }
    }
    List<String> missing = Files.readAllLines(tmp.resolve("missing.csv"));
    assertEquals(
        List.of(
            "platform,locale,from_version,to_version,reason",
            "linux,fr,2.0,3.0,no FROM MAR in " + from,
            "win,ja,2.0,3.0,no TO MAR in " + to),
        missing);
    run(
        List.of(
            "--to",
            to.toString(),
            "--from",
            from.toString(),
            "--fail-on-missing",
            "-o",
            tmp.resolve("x.csv").toString()),
        RequestsCommand.MISSING);
  }

  @Test
  void skipDoneDropsPathsDoneInTheResultsTable() throws Exception {
    Path to = Releases.dir(tmp.resolve("to"), "3.0", "linux/de", "linux/fr");
    Path from = Releases.dir(tmp.resolve("from"), "2.0", "linux/de", "linux/fr");
    Path root = tmp.resolve("root");
    SparkSession spark = TestSpark.session();
    String fromDe = ReleaseLoader.sha512(from.resolve("linux/de/firefox-2.0.complete.mar"));
    String toDe = ReleaseLoader.sha512(to.resolve("linux/de/firefox-3.0.complete.mar"));
    String fromFr = ReleaseLoader.sha512(from.resolve("linux/fr/firefox-2.0.complete.mar"));
    String toFr = ReleaseLoader.sha512(to.resolve("linux/fr/firefox-3.0.complete.mar"));
    List<Row> results = new ArrayList<>();
    results.add(result("a", "de", fromDe, toDe, "done"));
    results.add(result("b", "fr", fromFr, toFr, "failed"));
    spark
        .createDataFrame(results, TableSchemas.RESULTS)
        .write()
        .format("delta")
        .save(TestSpark.config(root, java.util.Map.of()).resultsTable);
    Path out = tmp.resolve("r.csv");
    String log =
        run(
            List.of(
                "--to",
                to.toString(),
                "--from",
                from.toString(),
                "--skip-done",
                "--storage-root",
                root.toString(),
                "-o",
                out.toString()),
            0);
    assertTrue(log.contains("wrote 1 update path(s)") && log.contains("1 already done"), log);
    List<String> lines = Files.readAllLines(out);
    assertEquals(2, lines.size());
    assertTrue(lines.get(1).contains(",fr,") && lines.get(1).contains(toFr), lines.get(1));
  }

  private static Row result(String id, String locale, String from, String to, String status) {
    Object[] v = new Object[TableSchemas.RESULTS.size()];
    v[0] = id;
    v[1] = "firefox";
    v[2] = "linux";
    v[3] = locale;
    v[4] = "2.0";
    v[5] = "3.0";
    v[8] = from;
    v[9] = to;
    v[10] = status;
    v[28] = "run-1";
    v[29] = "test";
    v[30] = new Timestamp(0);
    return RowFactory.create(v);
  }
}
