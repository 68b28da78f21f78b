/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * The attach step on two requests over three MARs: the request whose TO MAR is unusable fails
 * alone, naming that MAR's reason; the other comes back with both listings from {@code mar_files},
 * its L1 hits and the TO MAR's channel as the partial's channel.
 */
class AttachStageTest {
  private static final StructType TODO =
      new StructType()
          .add("request_id", DataTypes.StringType)
          .add("locale", DataTypes.StringType)
          .add("from_sha512", DataTypes.StringType)
          .add("to_sha512", DataTypes.StringType);

  private static final StructType MARS =
      new StructType()
          .add("mar_sha512", DataTypes.StringType)
          .add("l1_hit", DataTypes.BooleanType)
          .add("mar_error", DataTypes.StringType)
          .add("product_version", DataTypes.StringType)
          .add("mar_channel", DataTypes.StringType)
          .add("build_id", DataTypes.StringType);

  private static Row file(String mar, String path, String sha) {
    return RowFactory.create(mar, path, 0644, 10L, sha, "e" + sha, 5L, "xz");
  }

  @Test
  void failedMarsFailTheirRequestsAloneOthersGetTheirListings(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    DeltaTables.merge(
        ctx.spark(),
        ctx.config().marFilesTable,
        TableSchemas.MAR_FILES,
        ctx.spark()
            .createDataFrame(
                List.of(file("X", "a", "1"), file("X", "b", "2"), file("Y", "a", "3")),
                TableSchemas.MAR_FILES),
        TableSchemas.MAR_FILES_KEYS,
        true);
    Dataset<Row> mars =
        ctx.spark()
            .createDataFrame(
                List.of(
                    RowFactory.create("X", true, null, "1.0", "ch-x", "b1"),
                    RowFactory.create("Y", false, null, "2.0", "ch-y", "b2"),
                    RowFactory.create("Z", false, "cannot explode MAR: bad", null, null, null)),
                MARS);
    Dataset<Row> todo =
        ctx.spark()
            .createDataFrame(
                List.of(
                    RowFactory.create("r1", "de", "X", "Y"),
                    RowFactory.create("r2", "fr", "X", "Z")),
                TODO);

    AttachStage.Output out = new AttachStage(ctx).run(todo, mars, 11, 22);

    assertEquals(1, out.failed().size());
    Row failed = out.failed().get(0);
    assertEquals("r2", failed.get(TableSchemas.RESULTS.fieldIndex("request_id")));
    assertEquals("failed", failed.get(TableSchemas.RESULTS.fieldIndex("status")));
    assertEquals(
        "to MAR: cannot explode MAR: bad", failed.get(TableSchemas.RESULTS.fieldIndex("error")));
    assertEquals(11L, failed.get(TableSchemas.RESULTS.fieldIndex("fetch_ms")));

    List<Row> ready = out.ready().collectAsList();
    assertEquals(1, ready.size());
    Row r = ready.get(0);
    assertEquals("r1", r.getAs("request_id"));
    assertEquals(2, r.getList(r.fieldIndex("from_files")).size());
    assertEquals(1, r.getList(r.fieldIndex("to_files")).size());
    assertEquals(1, (int) r.<Integer>getAs("l1_hits"));
    assertEquals(1, (int) r.<Integer>getAs("l1_misses"));
    assertEquals("ch-y", r.getAs("mar_channel_id"));
    assertEquals("2.0", r.getAs("to_mar_version"));
    assertEquals("b1", r.getAs("from_build_id"));
    assertEquals(22L, (long) r.<Long>getAs("explode_ms"));
  }
}
