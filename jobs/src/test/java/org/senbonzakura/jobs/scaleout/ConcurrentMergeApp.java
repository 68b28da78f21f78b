/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import io.delta.tables.DeltaTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.senbonzakura.jobs.spark.SparkSessions;
import org.senbonzakura.jobs.storage.retry.DeltaMergeRetry;
import org.senbonzakura.jobs.tables.DeltaTables;

/**
 * A second Spark application for the concurrency tests: its own JVM and SparkContext (local[1]),
 * MERGing a key range into a shared Delta table in rounds, as a pipeline run would MERGE its
 * patch-cache rows. It waits for a start file so that two instances collide, and writes "ok
 * conflicts=N" or "failed: reason" to its result file. S3A settings arrive as
 * -Dspark.hadoop.fs.s3a... system properties.
 *
 * <p>Arguments: table keyFrom keyTo rounds startFile resultFile retry|forced|no-retry|create. In
 * {@code forced} mode (retry, through DeltaTables) the first round's race is not left to timing:
 * the instance whose keys start at 0 (the loser) holds its first MERGE after the MERGE has read the
 * table's snapshot, while it reads its source rows, until the other instance (the winner) has
 * committed its own first MERGE; the loser's commit then must lose and be retried. In {@code
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
    boolean forced = "forced".equals(args[6]);
    boolean retry = create || forced || "retry".equals(args[6]);

    SparkSession spark =
        SparkSession.builder()
            // the production log store, extensions and file: scheme
            .config(SparkSessions.withSbzSettings(new SparkConf(false)))
            .master("local[1]")
            .appName("concurrent-merge-" + from)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.databricks.delta.snapshotPartitions", "2")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    DeltaMergeRetry retrier =
        new DeltaMergeRetry(
            retry
                ? DeltaMergeRetry.Policy.defaults()
                : new DeltaMergeRetry.Policy(1, java.time.Duration.ZERO, java.time.Duration.ZERO));
    String result;
    int[] races = {0}; // the races DeltaTables' own writes lost and retried, summed over writes
    try {
      if (!create) {
        spark.read().format("delta").load(table).count(); // warm up before the race
      }
      while (!Files.exists(startFile)) {
        Thread.sleep(20);
      }
      if (create) {
        races[0] = createRounds(spark, table, from, to, rounds, startFile);
      } else {
        races[0] =
            mergeRounds(
                spark, table, from, to, rounds, retry ? null : retrier, forced ? startFile : null);
      }
      result = "ok conflicts=" + (retry ? races[0] : retrier.conflicts());
    } catch (Exception e) {
      e.printStackTrace(); // into the app's log, beside its result file
      result = "failed conflicts=" + (retry ? races[0] : retrier.conflicts()) + ": " + e;
    } finally {
      spark.stop();
    }
    Files.writeString(resultFile, result, StandardCharsets.UTF_8);
    System.exit(result.startsWith("ok") ? 0 : 1);
  }

  /** Round r: both instances MERGE their keys into the new table {@code table/t<r>} at once. */
  private static int createRounds(
      SparkSession spark, String table, long from, long to, int rounds, Path startFile)
      throws Exception {
    int races = 0;
    for (int r = 0; r < rounds; r++) {
      Dataset<Row> rows = keyRows(spark, from, to, from);
      rows.cache().count(); // planned before the barrier, so both MERGEs start together
      awaitPeer(startFile, r, from);
      races +=
          DeltaTables.merge(spark, table + "/t" + r, rows.schema(), rows, List.of("k"), true)
              .racesRetried();
    }
    return races;
  }

  /**
   * The keys in {@code rounds} chunks, each MERGEd through DeltaTables (the production path, which
   * retries lost races itself) or, given a {@code retrier}, through it with the bare MERGE.
   */
  private static int mergeRounds(
      SparkSession spark,
      String table,
      long from,
      long to,
      int rounds,
      DeltaMergeRetry retrier,
      Path forcedRace)
      throws Exception {
    long chunk = (to - from + rounds - 1) / rounds;
    int races = 0;
    for (int r = 0; r < rounds; r++) {
      long lo = from + r * chunk;
      long hi = Math.min(to, lo + chunk);
      Dataset<Row> rows = keyRows(spark, lo, hi, from);
      if (forcedRace != null && r == 0) {
        ForcedRace race = new ForcedRace(forcedRace.toString());
        if (from == 0) {
          Dataset<Row> held = rows.withColumn("k", race.holdLoser(rows.col("k")));
          races +=
              DeltaTables.merge(spark, table, held.schema(), held, List.of("k"), true)
                  .racesRetried();
        } else {
          race.awaitLoserReading();
          races +=
              DeltaTables.merge(spark, table, rows.schema(), rows, List.of("k"), true)
                  .racesRetried();
          race.winnerCommitted();
        }
      } else if (retrier == null) {
        races +=
            DeltaTables.merge(spark, table, rows.schema(), rows, List.of("k"), true).racesRetried();
      } else {
        retrier.run(
            "MERGE keys " + lo + ".." + hi + " into " + table, () -> merge(spark, table, rows));
      }
    }
    return races;
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

  /**
   * The first round's choreography in {@code forced} mode, through marker files beside the start
   * file. The loser's source rows pass through a UDF that, the first time it runs in this JVM
   * (local mode: the executor is this JVM), marks "loser reading" and waits for "winner committed".
   * Delta's MERGE reads the table's snapshot before it reads its source, so the loser's first
   * attempt is bound to a snapshot older than the winner's commit and must lose; its retry does not
   * wait again.
   */
  record ForcedRace(String startFile) implements java.io.Serializable {
    private static final java.util.concurrent.atomic.AtomicBoolean HELD =
        new java.util.concurrent.atomic.AtomicBoolean();

    org.apache.spark.sql.Column holdLoser(org.apache.spark.sql.Column k) {
      String start = startFile;
      return functions
          .udf(
              (org.apache.spark.sql.api.java.UDF1<Long, Long>)
                  key -> {
                    if (HELD.compareAndSet(false, true)) {
                      new ForcedRace(start).holdUntilWinnerCommitted();
                    }
                    return key;
                  },
              org.apache.spark.sql.types.DataTypes.LongType)
          .apply(k);
    }

    private void holdUntilWinnerCommitted() {
      try {
        Files.writeString(marker("loser-reading"), "here");
        await(marker("winner-committed"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    void awaitLoserReading() throws InterruptedException {
      await(marker("loser-reading"));
    }

    void winnerCommitted() throws java.io.IOException {
      Files.writeString(marker("winner-committed"), "here");
    }

    private Path marker(String name) {
      Path start = Path.of(startFile);
      return start.resolveSibling(start.getFileName() + "-" + name);
    }

    private static void await(Path marker) throws InterruptedException {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
      while (!Files.exists(marker)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no " + marker.getFileName() + " after 5 minutes");
        }
        Thread.sleep(20);
      }
    }
  }
}
