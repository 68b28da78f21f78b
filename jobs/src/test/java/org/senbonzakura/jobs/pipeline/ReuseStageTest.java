/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableRecords;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * The reuse step on four earlier results: only a done result of this generator whose partial is
 * still stored is reused (as {@code reused}, with this run's id and its other columns kept); a
 * failed one, one of another generator and one whose partial is gone are computed again.
 */
class ReuseStageTest {
  private static Result earlier(String id, String status, String generator, String path) {
    Result.Outcome o =
        status.equals("failed")
            ? Result.Outcome.failed("boom")
            : new Result.Outcome(status, null, path, 3L, "cafe", 1, 0, 0, 9L, false);
    return Result.of(StageTestSupport.request(id, "de", "X", "Y"), o, "run-0", generator);
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
        TableRecords.toTable(
            ctx.spark()
                .createDataset(
                    List.of(
                        earlier("a", "done", gen, kept.toUri().toString()),
                        earlier("b", "failed", gen, null),
                        earlier("c", "done", "sbz-0.0/other", kept.toUri().toString()),
                        earlier("d", "done", gen, root.resolve("gone.mar").toUri().toString())),
                    Encoders.bean(Result.class)),
            TableSchemas.RESULTS),
        TableSchemas.RESULTS_KEYS,
        true);

    ReuseStage.Output out =
        new ReuseStage(ctx)
            .run(
                StageTestSupport.requests(
                    ctx,
                    List.of(
                        StageTestSupport.request("a", "de", "X", "Y"),
                        StageTestSupport.request("b", "de", "X", "Y"),
                        StageTestSupport.request("c", "de", "X", "Y"),
                        StageTestSupport.request("d", "de", "X", "Y"),
                        StageTestSupport.request("e", "de", "X", "Y"))));

    assertEquals(1, out.count());
    List<Result> reused = out.reused().collectAsList();
    assertEquals(1, reused.size());
    Result r = reused.get(0);
    assertEquals("a", r.getRequestId());
    assertEquals("reused", r.getStatus());
    assertEquals(ctx.runId(), r.getRunId());
    assertEquals("cafe", r.getPartialSha512());
    assertEquals("de", r.getLocale());
    assertEquals(
        List.of("b", "c", "d", "e"),
        out.todo()
            .orderBy("requestId")
            .map(
                (org.apache.spark.api.java.function.MapFunction<Request, String>)
                    Request::getRequestId,
                Encoders.STRING())
            .collectAsList());
  }
}
