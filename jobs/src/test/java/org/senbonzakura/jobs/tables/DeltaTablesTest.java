/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.TestSpark;
import scala.Option;

class DeltaTablesTest {
  private static final StructType SCHEMA =
      new StructType().add("k", DataTypes.StringType, false).add("v", DataTypes.IntegerType, true);

  @TempDir Path dir;

  @Test
  void mergeIsIdempotentAndUpsertsByKey() throws Exception {
    SparkSession spark = TestSpark.session();
    String path = dir.resolve("t").toUri().toString();
    assertEquals(0, DeltaTables.readOrEmpty(spark, path, SCHEMA).count());
    Dataset<Row> first =
        spark.createDataFrame(
            List.of(
                RowFactory.create("a", 1), RowFactory.create("b", 2), RowFactory.create("b", 2)),
            SCHEMA);
    DeltaTables.merge(spark, path, SCHEMA, first, List.of("k"), true);
    DeltaTables.merge(spark, path, SCHEMA, first, List.of("k"), true);
    assertEquals(2, spark.read().format("delta").load(path).count());
    Dataset<Row> second =
        spark.createDataFrame(
            List.of(RowFactory.create("a", 10), RowFactory.create("c", 3)), SCHEMA);
    DeltaTables.merge(spark, path, SCHEMA, second, List.of("k"), false);
    Dataset<Row> t = spark.read().format("delta").load(path);
    assertEquals(3, t.count());
    assertEquals(1, t.filter("k = 'a'").first().<Integer>getAs("v"));
    DeltaTables.merge(spark, path, SCHEMA, second, List.of("k"), true);
    assertEquals(
        10, spark.read().format("delta").load(path).filter("k = 'a'").first().<Integer>getAs("v"));
  }

  /**
   * {@code ensure} commits version 0 itself instead of through Spark SQL's CREATE TABLE; the table
   * must be the one {@code DeltaTable.createIfNotExists()} makes: same schema, partitioning,
   * properties and protocol, an empty CREATE TABLE commit, and a second call commits nothing.
   */
  @Test
  void ensureCreatesTheTableCreateIfNotExistsWould() throws Exception {
    SparkSession spark = TestSpark.session();
    String ours = DeltaTables.normalized(dir.resolve("ours").toUri().toString());
    String theirs = DeltaTables.normalized(dir.resolve("theirs").toUri().toString());
    DeltaTables.ensure(spark, ours, SCHEMA);
    DeltaTables.ensure(spark, ours, SCHEMA);
    DeltaTable.createIfNotExists(spark).location(theirs).addColumns(SCHEMA).execute();

    Snapshot a = DeltaLog.forTable(spark, ours).update(false, Option.empty(), Option.empty());
    Snapshot b = DeltaLog.forTable(spark, theirs).update(false, Option.empty(), Option.empty());
    assertEquals(0, a.version(), "the second ensure committed nothing");
    assertEquals(b.version(), a.version());
    assertEquals(SCHEMA, a.metadata().schema());
    assertEquals(b.metadata().schema(), a.metadata().schema());
    assertEquals(b.metadata().partitionColumns(), a.metadata().partitionColumns());
    assertEquals(b.metadata().configuration(), a.metadata().configuration());
    assertEquals(b.metadata().format(), a.metadata().format());
    assertEquals(b.protocol(), a.protocol());
    assertEquals(0, a.numOfFiles());
    assertEquals(
        DeltaTable.forPath(spark, theirs).history().select("operation").first().getString(0),
        DeltaTable.forPath(spark, ours).history().select("operation").first().getString(0));
    assertTrue(DeltaTables.isEmpty(spark, ours), "the commit's checksum says no file");
  }

  @Test
  void anEmptyTableIsReadWithoutASparkJobAndItsRowsOnceItHasSome() throws Exception {
    SparkSession spark = TestSpark.session();
    String path = dir.resolve("e").toUri().toString();
    DeltaTables.ensure(spark, path, SCHEMA);
    assertTrue(DeltaTables.isEmpty(spark, DeltaTables.normalized(path)));
    AtomicInteger jobs = new AtomicInteger();
    SparkListener counter =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart start) {
            jobs.incrementAndGet();
          }
        };
    spark.sparkContext().addSparkListener(counter);
    try {
      Dataset<Row> empty = DeltaTables.readOrEmpty(spark, path, SCHEMA);
      assertEquals(List.of(), empty.collectAsList());
      assertEquals(SCHEMA, empty.schema());
      spark.sparkContext().listenerBus().waitUntilEmpty(30_000);
      assertEquals(0, jobs.get(), "reading an empty table ran Spark jobs");
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }

    DeltaTables.merge(
        spark,
        path,
        SCHEMA,
        spark.createDataFrame(List.of(RowFactory.create("a", 1)), SCHEMA),
        List.of("k"),
        true);
    assertFalse(DeltaTables.isEmpty(spark, DeltaTables.normalized(path)));
    assertEquals(1, DeltaTables.readOrEmpty(spark, path, SCHEMA).count());
    // every row deleted: no file left, so empty again
    io.delta.tables.DeltaTable.forPath(spark, DeltaTables.normalized(path)).delete();
    assertTrue(DeltaTables.isEmpty(spark, DeltaTables.normalized(path)));
    assertEquals(0, DeltaTables.readOrEmpty(spark, path, SCHEMA).count());
  }

  @Test
  void theFirstRowsOfAnEmptyTableAreWrittenWithoutAMergeAndLaterOnesMerged() throws Exception {
    SparkSession spark = TestSpark.session();
    String path = dir.resolve("first").toUri().toString();
    DeltaTables.ensure(spark, path, SCHEMA);
    Dataset<Row> rows =
        spark.createDataFrame(
            List.of(
                RowFactory.create("a", 1), RowFactory.create("b", 2), RowFactory.create("b", 2)),
            SCHEMA);
    org.apache.spark.sql.delta.DeltaLog.clearCache(); // no state of the table in this JVM
    try (DescribedJobs merges = new DescribedJobs(spark, "MERGE");
        DescribedJobs states = new DescribedJobs(spark, "Delta: Compute snapshot")) {
      DeltaTables.merge(spark, path, SCHEMA, rows, List.of("k"), true);
      assertEquals(0, merges.count(), "the first rows of an empty table were MERGEd");
      assertEquals(0, states.count(), "the first rows of an empty table needed its state");
    }
    assertEquals(List.of("a=1", "b=2"), contents(spark, path));
    try (DescribedJobs merges = new DescribedJobs(spark, "MERGE")) {
      DeltaTables.merge(
          spark,
          path,
          SCHEMA,
          spark.createDataFrame(
              List.of(RowFactory.create("b", 20), RowFactory.create("c", 3)), SCHEMA),
          List.of("k"),
          true);
      assertTrue(merges.count() > 0, "rows for a table that has some were not MERGEd");
    }
    assertEquals(List.of("a=1", "b=20", "c=3"), contents(spark, path));
  }

  @Test
  void anEmptyTablesSnapshotIsBuiltOnlyWhenAsked() throws Exception {
    SparkSession spark = TestSpark.session();
    String path = dir.resolve("load").toUri().toString();
    DeltaTables.ensure(spark, path, SCHEMA);
    org.apache.spark.sql.delta.DeltaLog.clearCache();
    try (DescribedJobs states = new DescribedJobs(spark, "Delta: Compute snapshot")) {
      DeltaTables.loadSnapshot(spark, path, false);
      assertEquals(0, states.count(), "an empty table's snapshot was built unasked");
      DeltaTables.loadSnapshot(spark, path, true);
      assertTrue(states.count() > 0, "an empty table's snapshot was not built when asked");
    }
    DeltaTables.merge(
        spark,
        path,
        SCHEMA,
        spark.createDataFrame(List.of(RowFactory.create("a", 1)), SCHEMA),
        List.of("k"),
        true);
    org.apache.spark.sql.delta.DeltaLog.clearCache();
    try (DescribedJobs states = new DescribedJobs(spark, "Delta: Compute snapshot")) {
      DeltaTables.loadSnapshot(spark, path, false);
      assertTrue(states.count() > 0, "the snapshot of a table with rows was not built");
    }
  }

  @Test
  void aRunThatFindsTheTableEmptyButLosesTheRaceToFillItMergesInstead() throws Exception {
    SparkSession spark = TestSpark.session();
    String path = dir.resolve("race").toUri().toString();
    DeltaTables.ensure(spark, path, SCHEMA);
    HeldRows.reset();
    Dataset<Row> mine =
        spark.createDataFrame(
            List.of(RowFactory.create("a", 1), RowFactory.create("b", 2)), SCHEMA);
    // the loser's rows wait, while its write runs, until the winner has committed the same keys
    Dataset<Row> held = mine.withColumn("k", HeldRows.hold(mine.col("k")));
    CompletableFuture<DeltaTables.Written> loser =
        CompletableFuture.supplyAsync(
            () -> DeltaTables.merge(spark, path, SCHEMA, held, List.of("k"), true));
    assertTrue(HeldRows.READING.await(2, TimeUnit.MINUTES), "the loser's write never started");
    DeltaTables.merge(
        spark,
        path,
        SCHEMA,
        spark.createDataFrame(
            List.of(RowFactory.create("b", 2), RowFactory.create("c", 3)), SCHEMA),
        List.of("k"),
        true);
    HeldRows.COMMITTED.countDown();
    assertEquals(1, loser.get(2, TimeUnit.MINUTES).racesRetried());
    assertEquals(List.of("a=1", "b=2", "c=3"), contents(spark, path));
  }

  /** The table's rows as "k=v", by key. */
  private static List<String> contents(SparkSession spark, String path) {
    return spark.read().format("delta").load(path).orderBy("k").collectAsList().stream()
        .map(r -> r.getString(0) + "=" + r.get(1))
        .toList();
  }

  /**
   * Counts the Spark jobs whose description starts with a prefix while open: Delta describes a
   * MERGE's jobs "MERGE operation - …" and the state reconstruction of a snapshot "Delta: Compute
   * snapshot for version: N".
   */
  private static final class DescribedJobs extends SparkListener implements AutoCloseable {
    private final SparkSession spark;
    private final String prefix;
    private final AtomicInteger jobs = new AtomicInteger();

    DescribedJobs(SparkSession spark, String prefix) {
      this.spark = spark;
      this.prefix = prefix;
      spark.sparkContext().addSparkListener(this);
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      String d =
          start.properties() == null
              ? null
              : start.properties().getProperty("spark.job.description");
      if (d != null && d.startsWith(prefix)) {
        jobs.incrementAndGet();
      }
    }

    int count() throws Exception {
      spark.sparkContext().listenerBus().waitUntilEmpty(30_000);
      return jobs.get();
    }

    @Override
    public void close() {
      spark.sparkContext().removeSparkListener(this);
    }
  }

  /**
   * A key column whose first value, computed in a task of this JVM (local mode), signals {@link
   * #READING} and waits for {@link #COMMITTED}: the write it is part of has started its
   * transaction, on the empty table, before the other writer commits.
   */
  private static final class HeldRows {
    static CountDownLatch READING = new CountDownLatch(1);
    static CountDownLatch COMMITTED = new CountDownLatch(1);
    private static final AtomicBoolean HELD = new AtomicBoolean();

    static void reset() {
      READING = new CountDownLatch(1);
      COMMITTED = new CountDownLatch(1);
      HELD.set(false);
    }

    static Column hold(Column k) {
      return functions
          .udf((UDF1<String, String>) HeldRows::pass, DataTypes.StringType)
          .asNondeterministic()
          .apply(k);
    }

    private static String pass(String key) throws InterruptedException {
      if (HELD.compareAndSet(false, true)) {
        READING.countDown();
        if (!COMMITTED.await(2, TimeUnit.MINUTES)) {
          throw new IllegalStateException("the other writer never committed");
        }
      }
      return key;
    }
  }
}
