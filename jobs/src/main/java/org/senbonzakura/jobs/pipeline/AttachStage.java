/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * Between explode and pair: joins each request with its two MARs. A request whose MAR could not be
 * fetched or exploded fails here, alone, naming the MAR; the others come back with both file
 * listings (from {@code mar_files}), the build IDs, the TO MAR's version and channel, and the fetch
 * and explode times of the run that its results row records.
 */
final class AttachStage {

  /**
   * @param ready the requests with {@code from_files} and {@code to_files}
   * @param failed a results row for each request whose MAR is unusable
   */
  record Output(Dataset<Row> ready, List<Row> failed) {}

  private final StageContext ctx;

  AttachStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /**
   * @param todo the requests to compute
   * @param mars the explode stage's per-MAR state
   * @param fetchMs the fetch stage's time, recorded in each results row
   * @param explodeMs the explode stage's time, recorded in each results row
   */
  Output run(Dataset<Row> todo, Dataset<Row> mars, long fetchMs, long explodeMs) {
    Dataset<Row> from =
        mars.select(
            col("mar_sha512").as("from_sha512"),
            col("l1_hit").as("from_l1_hit"),
            col("mar_error").as("from_error"),
            col("build_id").as("from_build_id"));
    Dataset<Row> to =
        mars.select(
            col("mar_sha512").as("to_sha512"),
            col("l1_hit").as("to_l1_hit"),
            col("mar_error").as("to_error"),
            col("build_id").as("to_build_id"),
            col("product_version").as("to_mar_version"),
            col("mar_channel").as("to_mar_channel"));
    Dataset<Row> joined =
        todo.join(from, StageContext.seq("from_sha512"), "left")
            .join(to, StageContext.seq("to_sha512"), "left")
            .withColumn(
                "l1_hits",
                when(col("from_l1_hit"), 1)
                    .otherwise(0)
                    .plus(when(col("to_l1_hit"), 1).otherwise(0)))
            .withColumn("l1_misses", lit(2).minus(col("l1_hits")))
            .withColumn("fetch_ms", lit(fetchMs))
            .withColumn("explode_ms", lit(explodeMs))
            .transform(ctx::durable);
    List<Row> failed = new ArrayList<>();
    for (Row r :
        joined
            .filter(col("from_error").isNotNull().or(col("to_error").isNotNull()))
            .collectAsList()) {
      String e =
          r.getAs("from_error") != null
              ? "from MAR: " + r.getAs("from_error")
              : "to MAR: " + r.getAs("to_error");
      failed.add(ResultRows.build(r, ResultRows.Outcome.failed(e), ctx.runId(), ctx.generator()));
    }
    Dataset<Row> listings =
        DeltaTables.readOrEmpty(ctx.spark(), ctx.config().marFilesTable, TableSchemas.MAR_FILES)
            .join(mars.select("mar_sha512"), StageContext.seq("mar_sha512"), "left_semi")
            .groupBy("mar_sha512")
            .agg(
                collect_list(
                        struct(
                            col("path"),
                            col("mode"),
                            col("size"),
                            col("sha256"),
                            col("entry_sha256"),
                            col("entry_size"),
                            col("entry_format")))
                    .as("files"));
    String channel = ctx.config().marChannelId;
    Dataset<Row> ready =
        joined
            .filter(col("from_error").isNull().and(col("to_error").isNull()))
            .join(
                listings.select(col("mar_sha512").as("from_sha512"), col("files").as("from_files")),
                StageContext.seq("from_sha512"))
            .join(
                listings.select(col("mar_sha512").as("to_sha512"), col("files").as("to_files")),
                StageContext.seq("to_sha512"))
            .withColumn("mar_channel_id", channel.isEmpty() ? col("to_mar_channel") : lit(channel))
            .transform(ctx::durable);
    return new Output(ready, failed);
  }
}
