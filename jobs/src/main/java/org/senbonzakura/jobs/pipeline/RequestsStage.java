/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.senbonzakura.jobs.tables.TableRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage "requests": the rows {@code RequestReader} read (each with its {@code error}, or null),
 * materialized once as {@link Request} records, kept once per request id, and split. A malformed
 * row fails alone, here, with its reason; the valid ones go on. Kept apart from reading so that the
 * results table can be upgraded in between: a table lacking a column must stop the run before it
 * changes anything.
 *
 * <p>The requests are collected to the driver in one Spark job and handed on as a local Dataset:
 * they are few (a release's matrix is about 3,000 rows, and the reuse stage holds one result per
 * request on the driver anyway). The local copy is what cuts the lineage to the requests table, and
 * it is counted and split without further jobs: a checkpoint and a counting aggregate were three
 * more Spark jobs, a second or more on a first run's cold JVM.
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
    // a request listed twice (same id, hence the same fields) is one request: the first is kept
    Map<String, Request> byId = new LinkedHashMap<>();
    for (Request r : TableRecords.as(read, Request.class).collectAsList()) {
      byId.putIfAbsent(r.getRequestId(), r);
    }
    Collection<Request> requests = byId.values();
    List<Request> valid = new ArrayList<>();
    List<Result> failed = new ArrayList<>();
    for (Request r : requests) {
      if (r.getError() == null) {
        valid.add(r);
      } else {
        failed.add(Result.of(r, Result.Outcome.failed(r.getError()), ctx.runId(), ctx.generator()));
      }
    }
    LOG.info("requests: {} read, {} malformed", requests.size(), failed.size());
    return new Output(
        ctx.spark().createDataset(valid, Encoders.bean(Request.class)),
        ctx.spark().createDataset(failed, Encoders.bean(Result.class)),
        new Stats(requests.size(), failed.size()));
  }
}
