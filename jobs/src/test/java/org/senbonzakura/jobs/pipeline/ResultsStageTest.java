/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.tables.TableRecords;

/**
 * The results stage on three rows: it counts the outcomes, and recording a later run's rows for the
 * same requests replaces them (MERGE by request id), never adds rows.
 */
class ResultsStageTest {
  private static Result result(String id, Result.Outcome o, String run) {
    return Result.of(StageTestSupport.request(id, "loc-" + id, "X", "Y"), o, run, "gen-1");
  }

  private static Result.Outcome done(String path) {
    return new Result.Outcome("done", null, path, 10L, "ab", 1, 2, 3, 4L, false);
  }

  private static Dataset<Result> results(StageContext ctx, Result... rs) {
    return ctx.spark().createDataset(List.of(rs), Encoders.bean(Result.class));
  }

  @Test
  void countsOutcomesAndMergesByRequest(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    ResultsStage stage = new ResultsStage(ctx);

    Result c = result("c", done("p/c"), "run-1");
    ResultsStage.Stats first =
        stage.record(
            results(
                ctx,
                result("a", done("p/a"), "run-1"),
                result("b", Result.Outcome.failed("from MAR: gone"), "run-1"),
                c));
    assertEquals(new ResultsStage.Stats(2, 0, 1, 0), first);

    ResultsStage.Stats second =
        stage.record(
            results(
                ctx,
                result("b", done("p/b"), "run-2"),
                result(
                    "a",
                    new Result.Outcome("reused", null, "p/a", 10L, "ab", 1, 2, 3, 4L, false),
                    "run-2")));
    assertEquals(new ResultsStage.Stats(1, 1, 0, 0), second);

    Map<String, Row> table = new HashMap<>();
    for (Row r :
        ctx.spark().read().format("delta").load(ctx.config().resultsTable).collectAsList()) {
      table.put(r.getAs("request_id"), r);
    }
    assertEquals(3, table.size(), "one row per request");
    assertEquals("reused", table.get("a").getAs("status"));
    assertEquals("run-2", table.get("a").getAs("run_id"));
    assertEquals("done", table.get("b").getAs("status"));
    assertEquals("run-1", table.get("c").getAs("run_id"));
    assertEquals("loc-c", table.get("c").getAs("locale"));
    // every column of the table, by its snake_case name, is the record's property
    Result back =
        TableRecords.as(
                ctx.spark()
                    .read()
                    .format("delta")
                    .load(ctx.config().resultsTable)
                    .filter("request_id = 'c'"),
                Result.class)
            .first();
    assertEquals(c, back);
  }

  /**
   * The results are read once (one Spark job, which also gives the counts) and MERGEd from that
   * copy: a counting aggregate of their own was two more jobs on every run.
   */
  @Test
  void readsTheResultsOnce(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    String stored = root.resolve("results.parquet").toString();
    results(
            ctx,
            result("a", done("p/a"), "run-1"),
            result("b", Result.Outcome.failed("from MAR: gone"), "run-1"))
        .write()
        .parquet(stored);
    Dataset<Result> rs = ctx.spark().read().parquet(stored).as(Encoders.bean(Result.class));
    ResultsStage.Stats stats;
    try (SparkJobLog jobs = new SparkJobLog(ctx.spark())) {
      stats = new ResultsStage(ctx).record(rs);
      assertEquals(1, jobs.containing("ResultsStage").size(), jobs.containing("").toString());
    }
    assertEquals(new ResultsStage.Stats(1, 0, 1, 0), stats);
    assertEquals(
        2,
        ctx.spark().read().format("delta").load(ctx.config().resultsTable).collectAsList().size());
  }

  @Test
  void recordsEachRunOnceEvenWhenItsWriteIsRepeated(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    ResultsStage stage = new ResultsStage(ctx);
    RunStats first = new RunStats();
    first.runId = "run-a";
    first.startedAt = new java.sql.Timestamp(1_000);
    first.done = 3;
    stage.recordRun(first);
    stage.recordRun(first); // a retried write of the same run
    RunStats second = new RunStats();
    second.runId = "run-b";
    second.startedAt = new java.sql.Timestamp(2_000);
    stage.recordRun(second);
    List<Row> runs =
        ctx.spark()
            .read()
            .format("delta")
            .load(ctx.config().runsTable)
            .orderBy("run_id")
            .collectAsList();
    assertEquals(2, runs.size(), runs.toString());
    assertEquals("run-a", runs.get(0).getAs("run_id"));
    assertEquals(3L, runs.get(0).<Long>getAs("done"));
    assertEquals("run-b", runs.get(1).getAs("run_id"));
  }
}
