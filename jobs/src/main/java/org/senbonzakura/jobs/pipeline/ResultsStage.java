/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableRecords;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * Stage "results": MERGEs the run's results records (one per request, keyed by {@code request_id})
 * and then its runs row (keyed by {@code run_id}), so a re-run rewrites rows instead of adding
 * them. Also counts the outcomes (the one collect, for the runs row and the summary).
 */
final class ResultsStage {

  /** Requests done, reused and failed in this run; Delta commit races lost and retried. */
  record Stats(long done, long reused, long failed, int racesRetried) {}

  private final StageContext ctx;

  ResultsStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /** MERGEs {@code results} into the results table and counts their statuses. */
  Stats record(Dataset<Result> results) {
    Row counts =
        results
            .agg(
                sum(when(col("status").equalTo("done"), 1L).otherwise(0L)),
                sum(when(col("status").equalTo("reused"), 1L).otherwise(0L)),
                sum(when(col("status").equalTo("failed"), 1L).otherwise(0L)))
            .first();
    DeltaTables.Written written =
        DeltaTables.merge(
            ctx.spark(),
            ctx.config().resultsTable,
            TableSchemas.RESULTS,
            TableRecords.toTable(results, TableSchemas.RESULTS),
            TableSchemas.RESULTS_KEYS,
            true);
    return new Stats(
        StageContext.orZero(counts, 0),
        StageContext.orZero(counts, 1),
        StageContext.orZero(counts, 2),
        written.racesRetried());
  }

  /**
   * Appends the run's row to the runs table, once (keyed by its run id, which no other run has);
   * returns the races that write lost and retried.
   */
  int recordRun(RunStats run) {
    return DeltaTables.appendOnce(
            ctx.spark(),
            ctx.config().runsTable,
            TableSchemas.RUNS,
            ctx.spark().createDataFrame(List.of(run.toRow()), TableSchemas.RUNS),
            "sbz-run-" + run.runId,
            0)
        .racesRetried();
  }
}
