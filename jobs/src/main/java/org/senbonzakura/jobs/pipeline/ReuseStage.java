/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableRecords;
import org.senbonzakura.jobs.tables.TableSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage "reuse", right after requests: a request whose earlier result was made by this generator
 * (and signer setting), is done, and whose partial is still stored is not computed again; its row
 * is rewritten as {@code reused} with this run's id. This is what makes a re-run do no redone work.
 * The earlier results are checked on the driver (one storage probe each), since they are few: one
 * per request of the run at most.
 */
final class ReuseStage {
  private static final Logger LOG = LoggerFactory.getLogger(ReuseStage.class);

  /**
   * @param todo the valid requests still to compute
   * @param reused their results records ({@code status = reused}), one per reused request
   * @param count how many were reused
   */
  record Output(Dataset<Request> todo, Dataset<Result> reused, long count) {}

  private final StageContext ctx;

  ReuseStage(StageContext ctx) {
    this.ctx = ctx;
  }

  Output run(Dataset<Request> valid) throws IOException {
    Dataset<Result> prev =
        TableRecords.as(
            DeltaTables.readOrEmpty(ctx.spark(), ctx.config().resultsTable, TableSchemas.RESULTS)
                .filter(
                    col("status")
                        .isin("done", "reused")
                        .and(col("generator_version").equalTo(ctx.generator()))
                        // a partial made unsigned is not reused when signing is on, nor the reverse
                        .and(
                            coalesce(col("signed"), lit(false)).equalTo(lit(ctx.config().signs()))))
                .join(
                    valid.select(col("requestId").as("request_id")),
                    StageContext.seq("request_id"),
                    "left_semi"),
            Result.class);
    List<Result> out = new ArrayList<>();
    for (Result r : prev.collectAsList()) {
      if (r.getPartialPath() != null && ctx.storage().exists(r.getPartialPath())) {
        r.setStatus("reused");
        r.setRunId(ctx.runId());
        r.setUpdatedAt(new Timestamp(System.currentTimeMillis()));
        out.add(r);
      }
    }
    Dataset<Result> reused = ctx.spark().createDataset(out, Encoders.bean(Result.class));
    Dataset<Request> todo =
        valid
            .join(reused.select("requestId"), StageContext.seq("requestId"), "left_anti")
            .as(Encoders.bean(Request.class));
    LOG.info("reuse: {} requests already done by {}", out.size(), ctx.generator());
    return new Output(todo, reused, out.size());
  }
}
