/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.senbonzakura.jobs.tables.TableRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage "requests": the rows {@code RequestReader} read (each with its {@code error}, or null),
 * materialized once as {@link Request} records and split. A malformed row fails alone, here, with
 * its reason; the valid ones go on. Kept apart from reading so that the results table can be
 * upgraded in between: a table lacking a column must stop the run before it changes anything.
 */
final class RequestsStage {
  private static final Logger LOG = LoggerFactory.getLogger(RequestsStage.class);

  /** Rows read and rows refused. */
  record Stats(long requests, long invalid) {}

  /**
   * @param valid the well-formed requests ({@code error} null)
   * @param failed a results record for each malformed request
   */
  record Output(Dataset<Request> valid, Dataset<Result> failed, Stats stats) {}

  private final StageContext ctx;

  RequestsStage(StageContext ctx) {
    this.ctx = ctx;
  }

  Output run(Dataset<Row> read) {
    Dataset<Request> requests = TableRecords.as(read, Request.class).transform(ctx::durable);
    // both counts in one job
    Row counts =
        requests
            .agg(count(lit(1)), sum(when(col("error").isNotNull(), 1L).otherwise(0L)).cast("long"))
            .first();
    long total = counts.getLong(0);
    long bad = StageContext.orZero(counts, 1);
    LOG.info("requests: {} read, {} malformed", total, bad);
    String runId = ctx.runId();
    String generator = ctx.generator();
    Dataset<Result> failed =
        requests
            .filter(col("error").isNotNull())
            .map(
                (MapFunction<Request, Result>)
                    r -> Result.of(r, Result.Outcome.failed(r.getError()), runId, generator),
                Encoders.bean(Result.class));
    return new Output(requests.filter(col("error").isNull()), failed, new Stats(total, bad));
  }
}
