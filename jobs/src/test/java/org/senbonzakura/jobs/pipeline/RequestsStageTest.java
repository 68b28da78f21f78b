/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
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
    RequestsStage.Output out =
        new RequestsStage(ctx)
            .run(
                TableRecords.toTable(
                    StageTestSupport.requests(ctx, read), RequestSchema.validated()));

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
}
