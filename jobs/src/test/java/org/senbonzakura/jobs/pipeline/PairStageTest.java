/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pair stage on two tiny requests: only files in both trees whose content changed and that are
 * not forced are pairs (with their digests, sizes and the TO entry's compressed size); a request
 * the planner refuses (unknown format) gives none here (the assemble stage reports its reason).
 */
class PairStageTest {
  private static FileEntry file(String path, String sha, long size, long entrySize) {
    FileEntry f = new FileEntry();
    f.setPath(path);
    f.setMode(0644);
    f.setSize(size);
    f.setSha256(sha);
    f.setEntrySha256("e" + sha);
    f.setEntrySize(entrySize);
    f.setEntryFormat("xz");
    return f;
  }

  private static ReadyRequest request(
      String id, String format, List<FileEntry> from, List<FileEntry> to) {
    ReadyRequest r = new ReadyRequest();
    r.setRequestId(id);
    r.setPlatform("linux-x86_64");
    r.setFormat(format);
    r.setForcedFiles(List.of("forced.txt"));
    r.setMarChannelId("release");
    r.setToMarVersion("2.0");
    r.setToVersion("2.0");
    r.setFromFiles(from);
    r.setToFiles(to);
    return r;
  }

  @Test
  void changedNotForcedFilesInBothTrees(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    List<FileEntry> from =
        List.of(
            file("precomplete", "p1", 10, 5),
            file("changed.bin", "c1", 100, 50),
            file("same.txt", "s1", 20, 9),
            file("forced.txt", "f1", 30, 12),
            file("gone.txt", "g1", 40, 20));
    List<FileEntry> to =
        List.of(
            file("precomplete", "p1", 10, 5),
            file("changed.bin", "c2", 120, 60),
            file("same.txt", "s1", 20, 9),
            file("forced.txt", "f2", 31, 13),
            file("added.txt", "a2", 50, 25));
    PairStage.Output out =
        new PairStage(ctx)
            .run(
                ctx.spark()
                    .createDataset(
                        List.of(
                            request("r1", "current", from, to),
                            request("r2", "zucchini", from, to)),
                        Encoders.bean(ReadyRequest.class)));

    assertEquals(1, out.stats().changedPairs());
    assertEquals(
        List.of(ChangedPair.of("r1", "changed.bin", "c1", "c2", ctx.algorithm(), 100L, 120L, 60L)),
        out.candidates().collectAsList());
  }
}
