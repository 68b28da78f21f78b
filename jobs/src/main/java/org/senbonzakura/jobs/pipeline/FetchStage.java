/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
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
   * @param fetched one record per distinct MAR
   */
  record Output(Dataset<FetchedMar> fetched, Stats stats) {}

  private final StageContext ctx;

  FetchStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /** {@code requests}: the requests to compute. */
  Output run(Dataset<Request> requests) {
    long start = System.nanoTime();
    Dataset<MarUrls> refs =
        requests
            .select(col("fromSha512").as("marSha512"), col("fromUrl").as("url"))
            .union(requests.select(col("toSha512").as("marSha512"), col("toUrl").as("url")))
            .groupBy("marSha512")
            .agg(array_sort(collect_set("url")).as("urls")) // every mirror of the MAR
            .repartition(ctx.parallelism())
            .as(Encoders.bean(MarUrls.class));
    // collected (one small record per distinct MAR): the list is the stage's one materialization,
    // counted without a Spark job of its own, and fetching never runs twice
    List<FetchedMar> rows =
        refs.mapPartitions(
                new FetchTask(ctx.config(), ctx.storage()), Encoders.bean(FetchedMar.class))
            .collectAsList();
    long distinct = rows.size();
    long hits = rows.stream().filter(FetchedMar::getL1Hit).count();
    long failed = rows.stream().filter(m -> m.getFetchError() != null).count();
    long got = rows.stream().filter(m -> m.getFetchError() == null && !m.getL1Hit()).count();
    Dataset<FetchedMar> fetched = ctx.spark().createDataset(rows, Encoders.bean(FetchedMar.class));
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
