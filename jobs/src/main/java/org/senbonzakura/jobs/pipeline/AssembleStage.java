/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage "assemble" (with verify and publish, which run in the same executor task on the same local
 * file, {@link AssembleTask}): gives each ready request its patches from the run's patch-cache
 * entries (or the error of a pair it needs, which fails it alone) and its L2 hits and misses, then
 * assembles, verifies and publishes each partial. Returns one results record per request,
 * materialized once: assembling publishes partials, so it must never run twice.
 */
final class AssembleStage {
  private static final Logger LOG = LoggerFactory.getLogger(AssembleStage.class);

  private static final StructType PAIR_ERRORS =
      new StructType()
          .add("oldSha256", DataTypes.StringType)
          .add("newSha256", DataTypes.StringType)
          .add("pairError", DataTypes.StringType);

  /** Partials published now, found already published, failed; wall time. */
  record Stats(long stored, long adopted, long failed, long ms) {}

  /**
   * @param results one results record per ready request
   */
  record Output(Dataset<Result> results, Stats stats) {}

  private final StageContext ctx;

  AssembleStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /**
   * @param ready the attach stage's requests
   * @param candidates the pair stage's records
   * @param patches the diff stage's patch-cache entries of the run's pairs
   * @param pairErrors the diff stage's failed pairs
   * @param diffMs the diff stage's time, recorded in each results row
   */
  Output run(
      Dataset<ReadyRequest> ready,
      Dataset<ChangedPair> candidates,
      Dataset<PatchEntry> patches,
      List<DiffStage.PairError> pairErrors,
      long diffMs) {
    long start = System.nanoTime();
    String runId = ctx.runId();
    Dataset<Row> cache =
        patches.select(
            // fresh names (aliases): the patches descend from the same checkpointed rows as
            // candidates, and without them the join's two sides could share attribute ids
            col("oldSha256").as("oldSha256"),
            col("newSha256").as("newSha256"),
            col("algorithmVersion").as("algorithmVersion"),
            col("outcome"),
            col("patchPath"),
            col("patchSize"),
            col("fullSize").as("cachedFullSize"),
            col("runId").as("cacheRunId"));
    List<Row> errRows = new ArrayList<>();
    for (DiffStage.PairError e : pairErrors) {
      errRows.add(RowFactory.create(e.oldSha256(), e.newSha256(), e.error()));
    }
    Dataset<Row> errs = ctx.spark().createDataFrame(errRows, PAIR_ERRORS);
    Dataset<Row> perRequest =
        candidates
            .join(cache, StageContext.seq("oldSha256", "newSha256", "algorithmVersion"), "left")
            .join(errs, StageContext.seq("oldSha256", "newSha256"), "left")
            .groupBy("requestId")
            .agg(
                // a patch, or a "full wins" verdict (no path, the full size it holds for)
                collect_list(
                        when(
                                col("patchPath").isNotNull(),
                                struct(col("path"), col("patchPath"), col("patchSize")))
                            .when(
                                col("outcome").equalTo("full"),
                                struct(
                                    col("path"),
                                    lit(null).cast("string").as("patchPath"),
                                    col("cachedFullSize").as("patchSize"))))
                    .as("patches"),
                first(col("pairError"), true).as("diffError"),
                sum(when(col("cacheRunId").isNull().or(col("cacheRunId").equalTo(runId)), 0)
                        .otherwise(1))
                    .cast("int")
                    .as("l2Hits"),
                sum(when(col("cacheRunId").equalTo(runId), 1).otherwise(0))
                    .cast("int")
                    .as("l2Misses"));
    Dataset<AssemblyJob> jobs =
        ready
            .join(perRequest, StageContext.seq("requestId"), "left")
            .withColumn("diffMs", lit(diffMs))
            .repartition(ctx.parallelism())
            .as(Encoders.bean(AssemblyJob.class));
    // collected (one record per request, so few): the list is the one materialization of a stage
    // that publishes partials and so must never run twice, and it is counted without a Spark job
    List<Result> rows =
        jobs.mapPartitions(
                new AssembleTask(ctx.config(), ctx.storage(), runId, ctx.generator()),
                Encoders.bean(Result.class))
            .collectAsList();
    Result.Counts counts = Result.Counts.of(rows);
    Dataset<Result> out = ctx.spark().createDataset(rows, Encoders.bean(Result.class));
    long ms = StageContext.msSince(start);
    Stats stats = new Stats(counts.done(), counts.reused(), counts.failed(), ms);
    LOG.info(
        "assemble: {} partials verified and stored, {} found already published, {} failed ({} ms)",
        stats.stored(),
        stats.adopted(),
        stats.failed(),
        ms);
    return new Output(out, stats);
  }
}
