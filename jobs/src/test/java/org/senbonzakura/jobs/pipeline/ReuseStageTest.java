/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * The reuse step on four earlier results: only a done result of this generator whose partial is
 * still stored is reused (as {@code reused}, with this run's id and its other columns kept); a
 * failed one, one of another generator and one whose partial is gone are computed again.
 */
class ReuseStageTest {
  private static final StructType REQUEST =
      new StructType().add("request_id", DataTypes.StringType);

  private static Row earlier(String id, String status, String generator, String path) {
    Row req = new GenericRowWithSchema(new Object[] {id}, REQUEST);
    ResultRows.Outcome o =
        status.equals("failed")
            ? ResultRows.Outcome.failed("boom")
            : new ResultRows.Outcome(status, null, path, 3L, "cafe", 1, 0, 0, 9L, false);
    return ResultRows.build(req, o, "run-0", generator);
  }

  @Test
  void reusesOnlyStoredResultsOfThisGenerator(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    Path kept = Files.writeString(root.resolve("kept.partial.mar"), "mar");
    String gen = ctx.generator();
    DeltaTables.merge(
        ctx.spark(),
        ctx.config().resultsTable,
        TableSchemas.RESULTS,
        ctx.spark()
            .createDataFrame(
                List.of(
                    earlier("a", "done", gen, kept.toUri().toString()),
                    earlier("b", "failed", gen, null),
                    earlier("c", "done", "sbz-0.0/other", kept.toUri().toString()),
                    earlier("d", "done", gen, root.resolve("gone.mar").toUri().toString())),
                TableSchemas.RESULTS),
        TableSchemas.RESULTS_KEYS,
        true);
    StructType valid = new StructType().add("request_id", DataTypes.StringType);

    ReuseStage.Output out =
        new ReuseStage(ctx)
            .run(
                ctx.spark()
                    .createDataFrame(
                        List.of(
                            RowFactory.create("a"),
                            RowFactory.create("b"),
                            RowFactory.create("c"),
                            RowFactory.create("d"),
                            RowFactory.create("e")),
                        valid));

    assertEquals(1, out.reused().size());
    Row r = out.reused().get(0);
    assertEquals("a", r.get(TableSchemas.RESULTS.fieldIndex("request_id")));
    assertEquals("reused", r.get(TableSchemas.RESULTS.fieldIndex("status")));
    assertEquals(ctx.runId(), r.get(TableSchemas.RESULTS.fieldIndex("run_id")));
    assertEquals("cafe", r.get(TableSchemas.RESULTS.fieldIndex("partial_sha512")));
    assertEquals(
        List.of("b", "c", "d", "e"),
        out.todo()
            .orderBy("request_id")
            .select("request_id")
            .as(Encoders.STRING())
            .collectAsList());
  }
}
