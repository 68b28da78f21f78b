/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
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

  /**
   * MERGEs {@code results} into the results table and counts their statuses. The records (one per
   * request, so few) are collected once and written from that local copy: the counts then cost no
   * aggregate of their own (two Spark jobs), and the MERGE's source no longer depends on the tables
   * it changes.
   */
  Stats record(Dataset<Result> results) {
    List<Result> rows = results.collectAsList();
    Result.Counts counts = Result.Counts.of(rows);
    DeltaTables.Written written =
        DeltaTables.merge(
            ctx.spark(),
            ctx.config().resultsTable,
            TableSchemas.RESULTS,
            TableRecords.toTable(
                ctx.spark().createDataset(rows, Encoders.bean(Result.class)), TableSchemas.RESULTS),
            TableSchemas.RESULTS_KEYS,
            true);
    return new Stats(counts.done(), counts.reused(), counts.failed(), written.racesRetried());
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
