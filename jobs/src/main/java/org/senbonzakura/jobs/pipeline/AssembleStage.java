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
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage "assemble" (with verify and publish, which run in the same executor task on the same local
 * file, {@link AssembleTask}): gives each ready request its patches from the patch cache (or the
 * error of a pair it needs, which fails it alone) and its L2 hits and misses, then assembles,
 * verifies and publishes each partial. Returns one results row per request.
 */
final class AssembleStage {
  private static final Logger LOG = LoggerFactory.getLogger(AssembleStage.class);

  private static final StructType PAIR_ERRORS =
      new StructType()
          .add("old_sha256", DataTypes.StringType)
          .add("new_sha256", DataTypes.StringType)
          .add("pair_error", DataTypes.StringType);

  /** Partials published now, found already published, failed; wall time. */
  record Stats(long stored, long adopted, long failed, long ms) {}

  /**
   * @param results one results row per ready request
   */
  record Output(List<Row> results, Stats stats) {}

  private final StageContext ctx;

  AssembleStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /**
   * @param ready the attach stage's requests
   * @param candidates the pair stage's rows
   * @param pairErrors the diff stage's failed pairs
   * @param diffMs the diff stage's time, recorded in each results row
   */
  Output run(
      Dataset<Row> ready,
      Dataset<Row> candidates,
      List<DiffStage.PairError> pairErrors,
      long diffMs) {
    long start = System.nanoTime();
    String runId = ctx.runId();
    Dataset<Row> cache =
        DeltaTables.readOrEmpty(ctx.spark(), ctx.config().patchCacheTable, TableSchemas.PATCH_CACHE)
            .select(
                col("old_sha256"),
                col("new_sha256"),
                col("algorithm_version"),
                col("outcome"),
                col("patch_path"),
                col("patch_size"),
                col("full_size").as("cached_full_size"),
                col("run_id").as("cache_run_id"));
    List<Row> errRows = new ArrayList<>();
    for (DiffStage.PairError e : pairErrors) {
      errRows.add(RowFactory.create(e.oldSha256(), e.newSha256(), e.error()));
    }
    Dataset<Row> errs = ctx.spark().createDataFrame(errRows, PAIR_ERRORS);
    Dataset<Row> perRequest =
        candidates
            .join(cache, StageContext.seq("old_sha256", "new_sha256", "algorithm_version"), "left")
            .join(errs, StageContext.seq("old_sha256", "new_sha256"), "left")
            .groupBy("request_id")
            .agg(
                // a patch, or a "full wins" verdict (no path, the full size it holds for)
                collect_list(
                        when(
                                col("patch_path").isNotNull(),
                                struct(col("path"), col("patch_path"), col("patch_size")))
                            .when(
                                col("outcome").equalTo("full"),
                                struct(
                                    col("path"),
                                    lit(null).cast("string").as("patch_path"),
                                    col("cached_full_size").as("patch_size"))))
                    .as("patches"),
                first(col("pair_error"), true).as("diff_error"),
                sum(when(col("cache_run_id").isNull().or(col("cache_run_id").equalTo(runId)), 0)
                        .otherwise(1))
                    .cast("int")
                    .as("l2_hits"),
                sum(when(col("cache_run_id").equalTo(runId), 1).otherwise(0))
                    .cast("int")
                    .as("l2_misses"));
    Dataset<Row> jobs =
        ready
            .join(perRequest, StageContext.seq("request_id"), "left")
            .withColumn("diff_ms", lit(diffMs))
            .repartition(ctx.parallelism());
    List<Row> out =
        jobs.mapPartitions(
                new AssembleTask(ctx.config(), ctx.storage(), runId, ctx.generator()),
                Encoders.row(TableSchemas.RESULTS))
            .collectAsList();
    long ms = StageContext.msSince(start);
    int status = TableSchemas.RESULTS.fieldIndex("status");
    long failed = out.stream().filter(r -> "failed".equals(r.getString(status))).count();
    long adopted = out.stream().filter(r -> "reused".equals(r.getString(status))).count();
    Stats stats = new Stats(out.size() - failed - adopted, adopted, failed, ms);
    LOG.info(
        "assemble: {} partials verified and stored, {} found already published, {} failed ({} ms)",
        stats.stored(),
        adopted,
        failed,
        ms);
    return new Output(out, stats);
  }
}
