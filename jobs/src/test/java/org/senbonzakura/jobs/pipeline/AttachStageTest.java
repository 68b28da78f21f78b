/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.tables.TableRecords;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * The attach step on two requests over three MARs: the request whose TO MAR is unusable fails
 * alone, naming that MAR's reason; the other comes back with both listings (the explode stage's
 * {@code mar_files} rows), its L1 hits and the TO MAR's channel as the partial's channel.
 */
class AttachStageTest {
  private static Row file(String mar, String path, String sha) {
    return RowFactory.create(mar, path, 0644, 10L, sha, "e" + sha, 5L, "xz");
  }

  @Test
  void failedMarsFailTheirRequestsAloneOthersGetTheirListings(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    Dataset<Row> files =
        TableRecords.properties(
            ctx.spark()
                .createDataFrame(
                    List.of(file("X", "a", "1"), file("X", "b", "2"), file("Y", "a", "3")),
                    TableSchemas.MAR_FILES));
    Dataset<MarState> mars =
        ctx.spark()
            .createDataset(
                List.of(
                    MarState.of("X", true, null, "1.0", "ch-x", "b1"),
                    MarState.of("Y", false, null, "2.0", "ch-y", "b2"),
                    MarState.of("Z", false, "cannot explode MAR: bad", null, null, null)),
                Encoders.bean(MarState.class));
    Dataset<Request> todo =
        StageTestSupport.requests(
            ctx,
            List.of(
                StageTestSupport.request("r1", "de", "X", "Y"),
                StageTestSupport.request("r2", "fr", "X", "Z")));

    AttachStage.Output out = new AttachStage(ctx).run(todo, mars, files, 11, 22);

    List<Result> failed = out.failed().collectAsList();
    assertEquals(1, failed.size());
    Result f = failed.get(0);
    assertEquals("r2", f.getRequestId());
    assertEquals("failed", f.getStatus());
    assertEquals("to MAR: cannot explode MAR: bad", f.getError());
    assertEquals(11L, (long) f.getFetchMs());
    assertEquals("b1", f.getFromBuildId());
    assertEquals(1, (int) f.getL1Hits());

    List<ReadyRequest> ready = out.ready().collectAsList();
    assertEquals(1, ready.size());
    ReadyRequest r = ready.get(0);
    assertEquals("r1", r.getRequestId());
    assertEquals("de", r.getLocale());
    assertEquals(
        List.of("a", "b"), r.getFromFiles().stream().map(FileEntry::getPath).sorted().toList());
    assertEquals(1, r.getToFiles().size());
    FileEntry a = r.getToFiles().get(0);
    assertEquals("3", a.getSha256());
    assertEquals("e3", a.getEntrySha256());
    assertEquals(5L, a.getEntrySize());
    assertEquals(0644, a.getMode());
    assertEquals(1, r.getL1Hits());
    assertEquals(1, r.getL1Misses());
    assertEquals("ch-y", r.getMarChannelId());
    assertEquals("2.0", r.getToMarVersion());
    assertEquals("b1", r.getFromBuildId());
    assertEquals(22L, r.getExplodeMs());
  }
}
