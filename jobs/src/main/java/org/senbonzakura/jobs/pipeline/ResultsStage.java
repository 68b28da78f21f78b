/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.util.List;
import org.apache.spark.sql.Row;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * Stage "results": MERGEs the run's results rows (one per request, keyed by {@code request_id}) and
 * then its runs row (keyed by {@code run_id}), so a re-run rewrites rows instead of adding them.
 * Also counts the outcomes, which the runs row and the summary report.
 */
final class ResultsStage {

  /** Requests done, reused and failed in this run. */
  record Stats(long done, long reused, long failed) {}

  private final StageContext ctx;

  ResultsStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /** MERGEs {@code results} (rows of {@link TableSchemas#RESULTS}) and counts their statuses. */
  Stats record(List<Row> results) {
    DeltaTables.merge(
        ctx.spark(),
        ctx.config().resultsTable,
        TableSchemas.RESULTS,
        ctx.spark().createDataFrame(results, TableSchemas.RESULTS),
        TableSchemas.RESULTS_KEYS,
        true);
    return count(results);
  }

  /** MERGEs the run's row into the runs table. */
  void recordRun(RunStats run) {
    DeltaTables.merge(
        ctx.spark(),
        ctx.config().runsTable,
        TableSchemas.RUNS,
        ctx.spark().createDataFrame(List.of(run.toRow()), TableSchemas.RUNS),
        TableSchemas.RUNS_KEYS,
        false);
  }

  static Stats count(List<Row> results) {
    int status = TableSchemas.RESULTS.fieldIndex("status");
    long done = 0;
    long reused = 0;
    long failed = 0;
    for (Row r : results) {
      switch (r.getString(status)) {
        case "done" -> done++;
        case "reused" -> reused++;
        case "failed" -> failed++;
        default -> {}
      }
    }
    return new Stats(done, reused, failed);
  }
}
