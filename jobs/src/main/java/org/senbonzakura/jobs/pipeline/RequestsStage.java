/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage "requests": the rows {@code RequestReader} read (each with its {@code error}, or null),
 * materialized once and split. A malformed row fails alone, here, with its reason; the valid ones
 * go on. Kept apart from reading so that the results table can be upgraded in between: a table
 * lacking a column must stop the run before it changes anything.
 */
final class RequestsStage {
  private static final Logger LOG = LoggerFactory.getLogger(RequestsStage.class);

  /** Rows read and rows refused. */
  record Stats(long requests, long invalid) {}

  /**
   * @param valid the well-formed requests (the reader's columns, {@code error} null)
   * @param failed a results row for each malformed request
   */
  record Output(Dataset<Row> valid, List<Row> failed, Stats stats) {}

  private final StageContext ctx;

  RequestsStage(StageContext ctx) {
    this.ctx = ctx;
  }

  Output run(Dataset<Row> read) {
    Dataset<Row> requests = read.transform(ctx::durable);
    long total = requests.count();
    Dataset<Row> invalid = requests.filter(col("error").isNotNull());
    Dataset<Row> valid = requests.filter(col("error").isNull());
    long bad = invalid.count();
    LOG.info("requests: {} read, {} malformed", total, bad);
    List<Row> failed = new ArrayList<>();
    for (Row r : invalid.collectAsList()) {
      failed.add(
          ResultRows.build(
              r, ResultRows.Outcome.failed(r.getAs("error")), ctx.runId(), ctx.generator()));
    }
    return new Output(valid, failed, new Stats(total, bad));
  }
}
