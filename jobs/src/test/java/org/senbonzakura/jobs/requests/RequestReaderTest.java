/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.fetch.UrlPolicy;

class RequestReaderTest {
  private static final String A = "a".repeat(128);
  private static final String B = "B".repeat(128);
  private static final String HEADER =
      "product,platform,locale,from_version,to_version,from_url,to_url,from_sha512,to_sha512,channel,format,forced_files\n";
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    spark = TestSpark.session();
  }

  private static String line(String locale, String fromSha, String format, String fromUrl) {
    return String.join(
            ",",
            "firefox",
            "linux-x86_64",
            locale,
            "1.0",
            "2.0",
            fromUrl,
            "file:/mars/b.mar",
            fromSha,
            B,
            "release",
            format,
            "\"b.chk,a.chk\"")
        + "\n";
  }

  private Map<String, Row> byLocale(Dataset<Row> rows) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : rows.collectAsList()) {
      m.put(r.getAs("locale"), r);
    }
    return m;
  }

  @Test
  void csvRowsFailOneByOneWithAReason() throws Exception {
    Path csv =
        Files.writeString(
            dir.resolve("r.csv"),
            HEADER
                + line("de", A, "current", "file:/mars/a.mar")
                + line("fr", A, "", "file:/mars/a.mar")
                + line("ja", "abc", "current", "file:/mars/a.mar")
                + line("it", A, "zucchini", "file:/mars/a.mar")
                + line("es", A, "current", "https://evil.example.org/a.mar")
                + line("de", A, "current", "file:/mars/a.mar"));
    Dataset<Row> rows =
        new RequestReader(spark)
            .read(csv.toString(), "auto", new UrlPolicy(List.of("file:/mars/")));
    // every row is read and validated; the requests stage keeps the duplicated de row once
    assertEquals(6, rows.count());
    Map<String, Row> m = byLocale(rows);
    assertEquals(5, m.size());
    assertNull(m.get("de").getAs("error"));
    assertEquals(
        List.of("a.chk", "b.chk"), m.get("de").getList(m.get("de").fieldIndex("forced_files")));
    assertNull(m.get("fr").getAs("error"));
    assertEquals("current", m.get("fr").getAs("format"));
    assertTrue(((String) m.get("ja").getAs("error")).contains("malformed from_sha512"));
    assertTrue(((String) m.get("it").getAs("error")).contains("format must be current or legacy"));
    assertTrue(((String) m.get("es").getAs("error")).contains("allow-list"));
    assertEquals(B.toLowerCase(), m.get("de").getAs("to_sha512"));
  }

  @Test
  void theSameRequestHasTheSameIdInEveryFormat() throws Exception {
    Path csv =
        Files.writeString(
            dir.resolve("r.csv"), HEADER + line("de", A, "current", "file:/mars/a.mar"));
    Path json =
        Files.writeString(
            dir.resolve("r.json"),
            "{\"product\":\"firefox\",\"platform\":\"linux-x86_64\",\"locale\":\"de\",\"from_version\":1.0,"
                + "\"to_version\":\"2.0\",\"from_url\":\"file:/elsewhere/a.mar\",\"to_url\":\"file:/mars/b.mar\","
                + "\"from_sha512\":\""
                + A
                + "\",\"to_sha512\":\""
                + B
                + "\",\"channel\":\"release\",\"forced_files\":[\"a.chk\",\"b.chk\"]}\n"
                + "{\"product\": broken\n");
    UrlPolicy urls = new UrlPolicy(List.of("file:/"));
    RequestReader reader = new RequestReader(spark);
    Row fromCsv = reader.read(csv.toString(), "auto", urls).collectAsList().get(0);
    List<Row> fromJson = reader.read(json.toString(), "auto", urls).collectAsList();
    assertEquals(2, fromJson.size());
    Row good = fromJson.stream().filter(r -> r.getAs("error") == null).findFirst().orElseThrow();
    Row bad = fromJson.stream().filter(r -> r.getAs("error") != null).findFirst().orElseThrow();
    assertEquals((String) fromCsv.getAs("request_id"), good.getAs("request_id"));
    assertTrue(((String) bad.getAs("error")).contains("unparseable"), (String) bad.getAs("error"));

    Dataset<Row> raw = reader.readRaw(csv.toString(), "csv");
    raw.write().parquet(dir.resolve("r.parquet").toString());
    raw.write().format("delta").save(dir.resolve("r.delta").toString());
    for (String p : List.of("r.parquet", "r.delta")) {
      Row r = reader.read(dir.resolve(p).toString(), "auto", urls).collectAsList().get(0);
      assertEquals((String) fromCsv.getAs("request_id"), r.getAs("request_id"), p);
    }
    Path other =
        Files.writeString(
            dir.resolve("o.csv"), HEADER + line("fr", A, "current", "file:/mars/a.mar"));
    assertNotEquals(
        (String) fromCsv.getAs("request_id"),
        reader.read(other.toString(), "auto", urls).collectAsList().get(0).getAs("request_id"));
  }

  /** Issue #19, item 6: from and to the same MAR is the row's error, not a no-op partial. */
  @Test
  void aRequestFromAMarToItselfFailsAlone() throws Exception {
    Path csv =
        Files.writeString(
            dir.resolve("r.csv"),
            HEADER
                + line("de", A, "current", "file:/mars/a.mar")
                + line("fr", B.toLowerCase(), "current", "file:/mars/b.mar"));
    Map<String, Row> m =
        byLocale(
            new RequestReader(spark)
                .read(csv.toString(), "auto", new UrlPolicy(List.of("file:/mars/"))));
    assertNull(m.get("de").getAs("error"));
    String error = m.get("fr").getAs("error");
    assertTrue(
        error != null && error.contains("from and to are the same MAR (sha512 bbbbbbbb"), error);
    assertTrue(error.contains("nothing to update"), error);
  }

  /**
   * Issue #19, item 6: a table without a required column is refused as a whole, naming every
   * missing column, instead of each row failing with "missing to_sha512"; so is a JSON table none
   * of whose lines parses (Spark would refuse to query it).
   */
  @Test
  void aTableLackingARequiredColumnIsRefusedAsAWhole() throws Exception {
    Path csv =
        Files.writeString(
            dir.resolve("r.csv"),
            HEADER.replace(",to_sha512", "").replace("locale,", "")
                + line("de", A, "current", "file:/mars/a.mar"));
    RequestReader reader = new RequestReader(spark);
    UrlPolicy urls = new UrlPolicy(List.of("file:/mars/"));
    InvalidRequestsTableException e =
        assertThrows(
            InvalidRequestsTableException.class, () -> reader.read(csv.toString(), "csv", urls));
    assertTrue(
        e.getMessage().contains("lacks the required columns locale, to_sha512"), e.getMessage());

    Path json = Files.writeString(dir.resolve("r.json"), "{broken\nnot json either\n");
    InvalidRequestsTableException unreadable =
        assertThrows(
            InvalidRequestsTableException.class, () -> reader.read(json.toString(), "json", urls));
    assertTrue(unreadable.getMessage().contains("no readable row"), unreadable.getMessage());
  }

  /**
   * A plain CSV header becomes the read's schema, so creating the table runs no Spark job (on a
   * cold JVM Spark's own header read costs about a second); columns in any order, unknown ones
   * included, land under their own names. A header Spark must rewrite (quoted names here) is still
   * read by Spark, to the same rows.
   */
  @Test
  void aPlainCsvHeaderIsReadWithoutASparkJob() throws Exception {
    String reordered =
        "to_sha512,comment,"
            + HEADER.strip().replace(",to_sha512", "")
            + "\n"
            + B
            + ",hello,"
            + line("de", A, "current", "file:/mars/a.mar").replace("," + B, "");
    Path plain = Files.writeString(dir.resolve("plain.csv"), reordered);
    Path quoted =
        Files.writeString(
            dir.resolve("quoted.csv"), "\"to_sha512\"" + reordered.substring("to_sha512".length()));
    RequestReader reader = new RequestReader(spark);
    List<String> jobs = new java.util.concurrent.CopyOnWriteArrayList<>();
    org.apache.spark.scheduler.SparkListener listener =
        new org.apache.spark.scheduler.SparkListener() {
          @Override
          public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
            jobs.add(start.stageInfos().head().name());
          }
        };
    spark.sparkContext().addSparkListener(listener);
    try {
      Dataset<Row> raw = reader.readRaw(plain.toString(), "csv");
      spark.sparkContext().listenerBus().waitUntilEmpty(30_000);
      assertEquals(List.of(), jobs, "no Spark job reads a plain header");
      reader.readRaw(quoted.toString(), "csv");
      spark.sparkContext().listenerBus().waitUntilEmpty(30_000);
      assertEquals(1, jobs.size(), "Spark reads a quoted header itself: " + jobs);
      Row row = raw.collectAsList().get(0);
      assertEquals(B, row.getAs("to_sha512"));
      assertEquals("de", row.getAs("locale"));
      assertEquals("b.chk,a.chk", row.getAs("forced_files"));
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    UrlPolicy urls = new UrlPolicy(List.of("file:/mars/"));
    Row fromPlain = reader.read(plain.toString(), "csv", urls).collectAsList().get(0);
    Row fromQuoted = reader.read(quoted.toString(), "csv", urls).collectAsList().get(0);
    assertNull(fromPlain.getAs("error"));
    assertEquals(fromQuoted, fromPlain);
  }

  @Test
  void onlyAPlainHeaderGivesASchema() {
    assertEquals(
        List.of("a", "B_2", "_c"), List.of(CsvHeader.plain("a,B_2,_c").orElseThrow().fieldNames()));
    for (String h : List.of("", "a,,b", "a,A", "\"a\",b", "a b,c", "\uFEFFa,b", "a,b,")) {
      assertTrue(CsvHeader.plain(h).isEmpty(), h);
    }
  }
}
