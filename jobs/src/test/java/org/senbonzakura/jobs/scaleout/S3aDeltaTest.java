/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Spark, Hadoop S3A and Delta Lake against a real S3 API server (S3Proxy on loopback): files,
 * multipart uploads, Parquet and a Delta table with MERGE on s3a://bucket/prefix.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class S3aDeltaTest {
  private static final String BUCKET = "sbz-s3a-delta";
  private static S3ProxyServer s3;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyServer.start(BuiltClasspath.workDir("s3a-delta"));
    s3.createBucket(BUCKET);
    spark = ScaleoutSessions.localWithDelta("s3a-delta");
    ScaleoutSessions.applyHadoop(
        spark, S3aSettings.hadoop(s3, BUCKET, S3aSettings.RetryBudget.patient()));
  }

  @AfterAll
  static void stop() {
    ScaleoutSessions.stop(spark);
    if (s3 != null) {
      s3.close();
    }
  }

  private static FileSystem fs() throws Exception {
    return FileSystem.get(
        new URI("s3a://" + BUCKET + "/"), spark.sparkContext().hadoopConfiguration());
  }

  @Test
  void writesAndReadsAnObjectUploadedInParts() throws Exception {
    byte[] data = new byte[12 * 1024 * 1024 + 17];
    new Random(6).nextBytes(data);
    Path path = new Path("s3a://" + BUCKET + "/files/blob-12m");
    try (OutputStream out = fs().create(path, true)) {
      out.write(data);
    }
    byte[] back;
    try (InputStream in = fs().open(path)) {
      back = in.readAllBytes();
    }
    assertArrayEquals(sha256(data), sha256(back));
    // the bytes went through the S3 server, not a local shortcut
    assertArrayEquals(
        sha256(data), sha256(Files.readAllBytes(s3.objectFile(BUCKET, "files/blob-12m"))));
    assertTrue(
        fs().getStorageStatistics().getLong("multipart_upload_completed") >= 1,
        "a 12 MB object with 5 MB parts is uploaded in parts");
  }

  @Test
  void writesAndReadsParquet() {
    String path = "s3a://" + BUCKET + "/parquet/numbers";
    spark
        .range(0, 1000)
        .withColumn("square", functions.expr("id * id"))
        .write()
        .mode("overwrite")
        .parquet(path);
    Dataset<Row> back = spark.read().parquet(path);
    assertEquals(1000, back.count());
    assertEquals(332833500L, back.agg(functions.sum("square")).first().getLong(0));
  }

  @Test
  void deltaTableTakesAWriteAndAnIdempotentMerge() throws Exception {
    String path = "s3a://" + BUCKET + "/tables/patch_cache";
    rows(0, 6).write().format("delta").mode("overwrite").save(path);

    Dataset<Row> updates = rows(4, 10);
    mergeByKey(path, updates);
    // the same MERGE again, as a retried task or re-run would do: no duplicate, no change
    mergeByKey(path, updates);

    Map<Long, String> content = new TreeMap<>();
    for (Row row : spark.read().format("delta").load(path).collectAsList()) {
      content.put(row.getLong(0), row.getString(1));
    }
    Map<Long, String> expected = new TreeMap<>();
    for (long k = 0; k < 10; k++) {
      expected.put(k, "v" + k);
    }
    assertEquals(expected, content);
    assertTrue(
        Files.isRegularFile(
            s3.objectFile(BUCKET, "tables/patch_cache/_delta_log/00000000000000000000.json")));
    List<Row> history =
        DeltaTable.forPath(spark, path).history().select("operation").collectAsList();
    assertEquals(3, history.size(), "one write and two merges: " + history);
  }

  private static Dataset<Row> rows(long from, long to) {
    return spark
        .range(from, to)
        .select(
            functions.col("id").as("k"),
            functions.concat(functions.lit("v"), functions.col("id")).as("v"));
  }

  private static void mergeByKey(String path, Dataset<Row> updates) {
    DeltaTable.forPath(spark, path)
        .as("t")
        .merge(updates.as("u"), "t.k = u.k")
        .whenMatched("t.v <> u.v")
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .execute();
  }

  private static byte[] sha256(byte[] data) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
