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
import org.senbonzakura.jobs.tables.TableSchemas;

/** The requests stage on three rows: the malformed one fails alone, with the reader's reason. */
class RequestsStageTest {
  @Test
  void malformedRowsFailAloneWithTheirReason(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    StructType read =
        new StructType()
            .add("request_id", DataTypes.StringType)
            .add("locale", DataTypes.StringType)
            .add("error", DataTypes.StringType);
    RequestsStage.Output out =
        new RequestsStage(ctx)
            .run(
                ctx.spark()
                    .createDataFrame(
                        List.of(
                            RowFactory.create("r1", "de", null),
                            RowFactory.create("r2", "fr", "bad format 'zucchini'"),
                            RowFactory.create("r3", "ja", null)),
                        read));

    assertEquals(new RequestsStage.Stats(3, 1), out.stats());
    assertEquals(
        List.of("r1", "r3"),
        out.valid()
            .orderBy("request_id")
            .select("request_id")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList());
    assertEquals(1, out.failed().size());
    Row failed = out.failed().get(0);
    int status = TableSchemas.RESULTS.fieldIndex("status");
    assertEquals("failed", failed.getString(status));
    assertEquals("bad format 'zucchini'", failed.get(TableSchemas.RESULTS.fieldIndex("error")));
    assertEquals("fr", failed.get(TableSchemas.RESULTS.fieldIndex("locale")));
    assertEquals(ctx.runId(), failed.get(TableSchemas.RESULTS.fieldIndex("run_id")));
  }
}
