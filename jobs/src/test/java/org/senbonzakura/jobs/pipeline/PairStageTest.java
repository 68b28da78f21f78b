/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pair stage on two tiny requests: only files in both trees whose content changed and that are
 * not forced are pairs (with their digests, sizes and the TO entry's compressed size); a request
 * the planner refuses (unknown format) gives none here (the assemble stage reports its reason).
 */
class PairStageTest {
  private static final StructType READY =
      new StructType()
          .add("request_id", DataTypes.StringType)
          .add("platform", DataTypes.StringType)
          .add("format", DataTypes.StringType)
          .add("forced_files", DataTypes.createArrayType(DataTypes.StringType))
          .add("mar_channel_id", DataTypes.StringType)
          .add("to_mar_version", DataTypes.StringType)
          .add("to_version", DataTypes.StringType)
          .add("from_files", DataTypes.createArrayType(Rows.FILE))
          .add("to_files", DataTypes.createArrayType(Rows.FILE));

  private static Row file(String path, String sha, long size, long entrySize) {
    return RowFactory.create(path, 0644, size, sha, "e" + sha, entrySize, "xz");
  }

  private static Row request(String id, String format, List<Row> from, List<Row> to) {
    return RowFactory.create(
        id,
        "linux-x86_64",
        format,
        Rows.seq(List.of("forced.txt")),
        "release",
        "2.0",
        "2.0",
        Rows.seq(from),
        Rows.seq(to));
  }

  @Test
  void changedNotForcedFilesInBothTrees(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    List<Row> from =
        List.of(
            file("precomplete", "p1", 10, 5),
            file("changed.bin", "c1", 100, 50),
            file("same.txt", "s1", 20, 9),
            file("forced.txt", "f1", 30, 12),
            file("gone.txt", "g1", 40, 20));
    List<Row> to =
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
                    .createDataFrame(
                        List.of(
                            request("r1", "current", from, to),
                            request("r2", "zucchini", from, to)),
                        READY));

    assertEquals(1, out.stats().changedPairs());
    assertEquals(
        List.of(
            RowFactory.create("r1", "changed.bin", "c1", "c2", ctx.algorithm(), 100L, 120L, 60L)),
        out.candidates().collectAsList());
  }
}
