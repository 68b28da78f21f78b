/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.requests.RequestSchema;
import org.senbonzakura.jobs.tables.TableRecords;

/**
 * The requests stage on three rows as {@code RequestReader} returns them (its snake_case columns):
 * they become {@link Request} records, the malformed one fails alone with its reason and the others
 * go on.
 */
class RequestsStageTest {
  @Test
  void malformedRowsFailAloneWithTheirReason(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    Request bad = StageTestSupport.request("r2", "fr", "X", "Y");
    bad.setError("bad format 'zucchini'");
    List<Request> read =
        List.of(
            StageTestSupport.request("r1", "de", "X", "Y"),
            bad,
            StageTestSupport.request("r3", "ja", "X", "Y"));
    // each listed twice: a request (and a refusal) counts once
    List<Request> twice = new ArrayList<>(read);
    twice.addAll(read);
    RequestsStage.Output out =
        new RequestsStage(ctx)
            .run(
                TableRecords.toTable(
                    StageTestSupport.requests(ctx, twice), RequestSchema.validated()));

    assertEquals(new RequestsStage.Stats(3, 1), out.stats());
    assertEquals(
        List.of(read.get(0), read.get(2)), out.valid().orderBy("requestId").collectAsList());
    List<Result> failed = out.failed().collectAsList();
    assertEquals(1, failed.size());
    Result f = failed.get(0);
    assertEquals("failed", f.getStatus());
    assertEquals("bad format 'zucchini'", f.getError());
    assertEquals("fr", f.getLocale());
    assertEquals("r2", f.getRequestId());
    assertEquals("Y", f.getToSha512());
    assertEquals(ctx.runId(), f.getRunId());
    assertEquals(ctx.generator(), f.getGeneratorVersion());
  }

  /**
   * The stage reads the requests table in one Spark job and hands on copies that no longer depend
   * on it: overwriting the table afterwards changes none of its outputs, and counting and splitting
   * them runs no further job (a checkpoint and a counting aggregate were three jobs).
   */
  @Test
  void readsTheTableOnceAndCutsItsLineage(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    Request bad = StageTestSupport.request("r2", "fr", "X", "Y");
    bad.setError("bad format 'zucchini'");
    List<Request> read = List.of(StageTestSupport.request("r1", "de", "X", "Y"), bad);
    String table = root.resolve("requests.parquet").toString();
    TableRecords.toTable(StageTestSupport.requests(ctx, read), RequestSchema.validated())
        .write()
        .parquet(table);

    RequestsStage.Output out;
    Dataset<Row> rows = ctx.spark().read().parquet(table);
    try (SparkJobLog jobs = new SparkJobLog(ctx.spark())) {
      out = new RequestsStage(ctx).run(rows);
      assertEquals(1, jobs.containing("").size(), jobs.containing("").toString());
    }
    TableRecords.toTable(
            StageTestSupport.requests(ctx, List.of(StageTestSupport.request("r9", "ja", "X", "Y"))),
            RequestSchema.validated())
        .write()
        .mode("overwrite")
        .parquet(table);
    assertEquals(new RequestsStage.Stats(2, 1), out.stats());
    assertEquals(List.of(read.get(0)), out.valid().collectAsList());
    assertEquals("r2", out.failed().collectAsList().get(0).getRequestId());
  }
}
