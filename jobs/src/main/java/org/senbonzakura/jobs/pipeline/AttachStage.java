/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Between explode and pair: joins each request with its two MARs. A request whose MAR could not be
 * fetched or exploded fails here, alone, naming the MAR; the others come back with both file
 * listings (from {@code mar_files}), the build IDs, the TO MAR's version and channel, and the fetch
 * and explode times of the run that its results row records.
 */
final class AttachStage {

  /**
   * @param ready the requests with both file listings
   * @param failed a results record for each request whose MAR is unusable
   */
  record Output(Dataset<ReadyRequest> ready, Dataset<Result> failed) {}

  private final StageContext ctx;

  AttachStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /**
   * @param todo the requests to compute
   * @param mars the explode stage's per-MAR state
   * @param files the explode stage's file rows of the usable MARs ({@code mar_files}, record-style
   *     column names)
   * @param fetchMs the fetch stage's time, recorded in each results row
   * @param explodeMs the explode stage's time, recorded in each results row
   */
  Output run(
      Dataset<Request> todo,
      Dataset<MarState> mars,
      Dataset<Row> files,
      long fetchMs,
      long explodeMs) {
    Dataset<Row> from =
        mars.select(
            col("marSha512").as("fromSha512"),
            col("l1Hit").as("fromL1Hit"),
            col("marError").as("fromError"),
            col("buildId").as("fromBuildId"));
    Dataset<Row> to =
        mars.select(
            col("marSha512").as("toSha512"),
            col("l1Hit").as("toL1Hit"),
            col("marError").as("toError"),
            col("buildId").as("toBuildId"),
            col("productVersion").as("toMarVersion"),
            col("marChannel").as("toMarChannel"));
    Dataset<AttachedRequest> joined =
        todo.join(from, StageContext.seq("fromSha512"), "left")
            .join(to, StageContext.seq("toSha512"), "left")
            .withColumn(
                "l1Hits",
                when(col("fromL1Hit"), 1).otherwise(0).plus(when(col("toL1Hit"), 1).otherwise(0)))
            .withColumn("l1Misses", lit(2).minus(col("l1Hits")))
            .withColumn("fetchMs", lit(fetchMs))
            .withColumn("explodeMs", lit(explodeMs))
            .as(Encoders.bean(AttachedRequest.class))
            .transform(ctx::durable);
    String runId = ctx.runId();
    String generator = ctx.generator();
    Dataset<Result> failed =
        joined
            .filter(col("fromError").isNotNull().or(col("toError").isNotNull()))
            .map(
                (MapFunction<AttachedRequest, Result>)
                    r ->
                        Result.of(
                            r,
                            Result.Outcome.failed(
                                r.getFromError() != null
                                    ? "from MAR: " + r.getFromError()
                                    : "to MAR: " + r.getToError()),
                            runId,
                            generator),
                Encoders.bean(Result.class));
    Dataset<Row> listings =
        files
            .groupBy("marSha512")
            .agg(
                collect_list(
                        struct(
                            col("path"),
                            col("mode"),
                            col("size"),
                            col("sha256"),
                            col("entrySha256"),
                            col("entrySize"),
                            col("entryFormat")))
                    .as("files"));
    String channel = ctx.config().marChannelId;
    Dataset<ReadyRequest> ready =
        joined
            .filter(col("fromError").isNull().and(col("toError").isNull()))
            .join(
                listings.select(col("marSha512").as("fromSha512"), col("files").as("fromFiles")),
                StageContext.seq("fromSha512"))
            .join(
                listings.select(col("marSha512").as("toSha512"), col("files").as("toFiles")),
                StageContext.seq("toSha512"))
            .withColumn("marChannelId", channel.isEmpty() ? col("toMarChannel") : lit(channel))
            .as(Encoders.bean(ReadyRequest.class))
            .transform(ctx::durable);
    return new Output(ready, failed);
  }
}
