/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import io.delta.tables.DeltaTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.senbonzakura.jobs.storage.retry.DeltaMergeRetry;
import org.senbonzakura.jobs.tables.DeltaTables;

/**
 * A second Spark application for the concurrency tests: its own JVM and SparkContext (local[1]),
 * MERGing a key range into a shared Delta table in rounds, as a pipeline run would MERGE its
 * patch-cache rows. It waits for a start file so that two instances collide, and writes "ok
 * conflicts=N" or "failed: reason" to its result file. S3A settings arrive as
 * -Dspark.hadoop.fs.s3a... system properties.
 *
 * <p>Arguments: table keyFrom keyTo rounds startFile resultFile retry|no-retry|create. In {@code
 * create} mode {@code table} is a directory that holds no table yet: round r MERGEs (through
 * DeltaTables.merge, which creates a missing table) into {@code table/t<r>}, after a barrier with
 * the other instance, so that both create the same new table at the same instant, as two pipeline
 * runs do with their first MERGE into a shared table.
 */
public final class ConcurrentMergeApp {
  private ConcurrentMergeApp() {}

  /** Entry point of the child JVM. */
  public static void main(String[] args) throws Exception {
    String table = args[0];
    long from = Long.parseLong(args[1]);
    long to = Long.parseLong(args[2]);
    int rounds = Integer.parseInt(args[3]);
    Path startFile = Path.of(args[4]);
    Path resultFile = Path.of(args[5]);
    boolean create = "create".equals(args[6]);
    boolean retry = create || "retry".equals(args[6]);

    SparkSession spark =
        SparkSession.builder()
            .master("local[1]")
            .appName("concurrent-merge-" + from)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.databricks.delta.snapshotPartitions", "2")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .getOrCreate();
    DeltaMergeRetry retrier =
        new DeltaMergeRetry(
            retry
                ? DeltaMergeRetry.Policy.defaults()
                : new DeltaMergeRetry.Policy(1, java.time.Duration.ZERO, java.time.Duration.ZERO));
    String result;
    try {
      if (!create) {
        spark.read().format("delta").load(table).count(); // warm up before the race
      }
      while (!Files.exists(startFile)) {
        Thread.sleep(20);
      }
      if (create) {
        createRounds(spark, table, from, to, rounds, startFile);
      } else {
        mergeRounds(spark, table, from, to, rounds, retry ? null : retrier);
      }
      result = "ok conflicts=" + (retry ? DeltaTables.conflictsRetried() : retrier.conflicts());
    } catch (Exception e) {
      e.printStackTrace(); // into the app's log, beside its result file
      result =
          "failed conflicts="
              + (retry ? DeltaTables.conflictsRetried() : retrier.conflicts())
              + ": "
              + e;
    } finally {
      spark.stop();
    }
    Files.writeString(resultFile, result, StandardCharsets.UTF_8);
    System.exit(result.startsWith("ok") ? 0 : 1);
  }

  /** Round r: both instances MERGE their keys into the new table {@code table/t<r>} at once. */
  private static void createRounds(
      SparkSession spark, String table, long from, long to, int rounds, Path startFile)
      throws Exception {
    for (int r = 0; r < rounds; r++) {
      Dataset<Row> rows = keyRows(spark, from, to, from);
      rows.cache().count(); // planned before the barrier, so both MERGEs start together
      awaitPeer(startFile, r, from);
      DeltaTables.merge(spark, table + "/t" + r, rows.schema(), rows, List.of("k"), true);
    }
  }

  /**
   * The keys in {@code rounds} chunks, each MERGEd through DeltaTables (the production path, which
   * retries lost races itself) or, given a {@code retrier}, through it with the bare MERGE.
   */
  private static void mergeRounds(
      SparkSession spark, String table, long from, long to, int rounds, DeltaMergeRetry retrier)
      throws Exception {
    long chunk = (to - from + rounds - 1) / rounds;
    for (int r = 0; r < rounds; r++) {
      long lo = from + r * chunk;
      long hi = Math.min(to, lo + chunk);
      Dataset<Row> rows = keyRows(spark, lo, hi, from);
      if (retrier == null) {
        DeltaTables.merge(spark, table, rows.schema(), rows, List.of("k"), true);
      } else {
        retrier.run(
            "MERGE keys " + lo + ".." + hi + " into " + table, () -> merge(spark, table, rows));
      }
    }
  }

  /** Announces this instance at round {@code r} and waits until the other one has too. */
  private static void awaitPeer(Path startFile, int r, long self) throws Exception {
    Path barrier = startFile.resolveSibling(startFile.getFileName() + "-round" + r);
    Files.createDirectories(barrier);
    Files.writeString(barrier.resolve(Long.toString(self)), "here");
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      try (var entries = Files.list(barrier)) {
        if (entries.count() >= 2) {
          return;
        }
      }
      Thread.sleep(2);
    }
    throw new IllegalStateException("the other instance never reached round " + r);
  }

  /** Rows (k, v, writer): v depends only on k, so either writer's row is the right row. */
  static Dataset<Row> keyRows(SparkSession spark, long lo, long hi, long writer) {
    return spark
        .range(lo, hi)
        .select(
            functions.col("id").as("k"),
            functions.concat(functions.lit("v"), functions.col("id")).as("v"),
            functions.lit(writer).as("writer"));
  }

  /** The idempotent MERGE: insert new keys, rewrite a key only if its value differs. */
  static Void merge(SparkSession spark, String table, Dataset<Row> rows) {
    DeltaTable.forPath(spark, table)
        .as("t")
        .merge(rows.as("u"), "t.k = u.k")
        .whenMatched("t.v <> u.v")
        .updateExpr(java.util.Map.of("v", "u.v"))
        .whenNotMatched()
        .insertAll()
        .execute();
    return null;
  }
}
