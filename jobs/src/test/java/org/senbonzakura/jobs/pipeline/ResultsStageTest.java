/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The results stage on three rows: it counts the outcomes, and recording a later run's rows for the
 * same requests replaces them (MERGE by request id), never adds rows.
 */
class ResultsStageTest {
  private static final StructType REQUEST =
      new StructType()
          .add("request_id", DataTypes.StringType)
          .add("locale", DataTypes.StringType)
          .add("l1_hits", DataTypes.LongType);

  private static Row result(String id, ResultRows.Outcome o, String run) {
    Row request =
        new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
            new Object[] {id, "loc-" + id, 2L}, REQUEST);
    return ResultRows.build(request, o, run, "gen-1");
  }

  private static ResultRows.Outcome done(String path) {
    return new ResultRows.Outcome("done", null, path, 10L, "ab", 1, 2, 3, 4L, false);
  }

  @Test
  void countsOutcomesAndMergesByRequest(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    ResultsStage stage = new ResultsStage(ctx);

    ResultsStage.Stats first =
        stage.record(
            List.of(
                result("a", done("p/a"), "run-1"),
                result("b", ResultRows.Outcome.failed("from MAR: gone"), "run-1"),
                result("c", done("p/c"), "run-1")));
    assertEquals(new ResultsStage.Stats(2, 0, 1), first);

    ResultsStage.Stats second =
        stage.record(
            List.of(
                result("b", done("p/b"), "run-2"),
                result(
                    "a",
                    new ResultRows.Outcome("reused", null, "p/a", 10L, "ab", 1, 2, 3, 4L, false),
                    "run-2")));
    assertEquals(new ResultsStage.Stats(1, 1, 0), second);

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
    assertEquals(2, (int) table.get("c").<Integer>getAs("l1_hits"));
  }
}
