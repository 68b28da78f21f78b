/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage "fetch" (L1): every distinct complete MAR the requests name, by SHA-512, into L1 once,
 * whatever number of requests and mirrors name it ({@link FetchTask} on the executors). A MAR that
 * cannot be fetched is a row with its reason, so only the requests that need it fail.
 */
final class FetchStage {
  private static final Logger LOG = LoggerFactory.getLogger(FetchStage.class);

  /** Distinct MARs, those already in L1, those fetched now, those that failed; wall time. */
  record Stats(long distinctMars, long l1Hits, long fetched, long failed, long ms) {}

  /**
   * @param fetched one row per distinct MAR, {@link FetchTask#SCHEMA}
   */
  record Output(Dataset<Row> fetched, Stats stats) {}

  private final StageContext ctx;

  FetchStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /** {@code requests}: rows with from/to SHA-512 and URL columns. */
  Output run(Dataset<Row> requests) {
    long start = System.nanoTime();
    Dataset<Row> refs =
        requests
            .select(col("from_sha512").as("sha"), col("from_url").as("url"))
            .union(requests.select(col("to_sha512").as("sha"), col("to_url").as("url")))
            .groupBy("sha")
            .agg(array_sort(collect_set("url")).as("urls")) // every mirror of the MAR
            .repartition(ctx.parallelism());
    Dataset<Row> fetched =
        refs.mapPartitions(
                new FetchTask(ctx.config(), ctx.storage()), Encoders.row(FetchTask.SCHEMA))
            .transform(ctx::durable);
    long distinct = fetched.count();
    long hits = fetched.filter(col("l1_hit")).count();
    long got =
        fetched.filter(col("fetch_error").isNull().and(col("l1_hit").equalTo(false))).count();
    long failed = fetched.filter(col("fetch_error").isNotNull()).count();
    Stats stats = new Stats(distinct, hits, got, failed, StageContext.msSince(start));
    LOG.info(
        "fetch: {} distinct MARs, {} already in L1, {} fetched, {} failed ({} ms)",
        distinct,
        hits,
        got,
        failed,
        stats.ms());
    return new Output(fetched, stats);
  }
}
