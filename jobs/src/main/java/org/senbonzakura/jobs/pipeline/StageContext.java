/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.storage.Storage;

/**
 * What every stage of one run shares: the session, the configuration, the storage, the run's id and
 * versions. Immutable, so a stage's only outputs are the values it returns.
 *
 * @param parallelism partitions for the stages' executor tasks
 * @param algorithm the patch-cache algorithm version of the run's differ
 * @param generator the generator version recorded with (and required to reuse) a result
 */
record StageContext(
    SparkSession spark,
    JobConfig config,
    Storage storage,
    String runId,
    int parallelism,
    String algorithm,
    String generator,
    AtomicInteger materialized) {

  static StageContext of(SparkSession spark, JobConfig config, String runId) {
    String algorithm = Versions.algorithm(Differs.of(config), Differs.patchEffort(config));
    return new StageContext(
        spark,
        config,
        new Storage(spark.sparkContext().hadoopConfiguration()),
        runId,
        config.parallelism > 0 ? config.parallelism : spark.sparkContext().defaultParallelism(),
        algorithm,
        Versions.generator(algorithm),
        new AtomicInteger());
  }

  /**
   * Materializes a stage's output and cuts its lineage, so that later actions neither redo the
   * stage nor re-read Delta tables the run has changed since. In local mode the copy is a local
   * checkpoint, made by the first action that uses the output (its rows are kept as that action
   * computes them, and the partitions it did not compute are added right after it): a checkpoint
   * made at once is a Spark job of its own, one per stage, and on a first run's cold JVM each job
   * costs a tenth of a second or more. Every stage's output is used before the run writes what it
   * must not see (see {@link #durableNow}). On a cluster it is Parquet under sbz.paths.tmp, read
   * back: a local checkpoint lives in the executors and is gone with a lost one (issue #6: a run
   * must survive that), and Spark's reliable checkpoint needs an empty-directory probe that some S3
   * stores do not answer.
   */
  <T> Dataset<T> durable(Dataset<T> ds) {
    return materialized(ds, false);
  }

  /**
   * {@link #durable}, with the copy made now: for rows read from a table that the stage will write
   * before anything else uses them.
   */
  <T> Dataset<T> durableNow(Dataset<T> ds) {
    return materialized(ds, true);
  }

  private <T> Dataset<T> materialized(Dataset<T> ds, boolean now) {
    if (spark.sparkContext().isLocal()) {
      return ds.localCheckpoint(now);
    }
    String dir = config.tmpDir + "/stages/" + runId + "/" + materialized.getAndIncrement();
    ds.write().parquet(dir);
    return spark.read().schema(ds.schema()).parquet(dir).as(ds.encoder());
  }

  /** Milliseconds since {@code start} (a {@link System#nanoTime()}). */
  static long msSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Column {@code i} of a row of sums: a sum over no rows is null, which counts as zero. */
  static long orZero(Row r, int i) {
    return r.isNullAt(i) ? 0 : r.getLong(i);
  }

  /** Column names as the Scala sequence Spark's join takes. */
  static scala.collection.Seq<String> seq(String... names) {
    return scala.collection.JavaConverters.asScalaBuffer(java.util.List.of(names)).toList();
  }
}
