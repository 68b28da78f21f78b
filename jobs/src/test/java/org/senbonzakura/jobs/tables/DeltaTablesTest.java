/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.TestSpark;

class DeltaTablesTest {
  private static final StructType SCHEMA =
      new StructType().add("k", DataTypes.StringType, false).add("v", DataTypes.IntegerType, true);

  @TempDir Path dir;

  @Test
  void mergeIsIdempotentAndUpsertsByKey() throws Exception {
    SparkSession spark = TestSpark.session();
    String path = dir.resolve("t").toUri().toString();
    assertEquals(0, DeltaTables.readOrEmpty(spark, path, SCHEMA).count());
    Dataset<Row> first =
        spark.createDataFrame(
            List.of(
                RowFactory.create("a", 1), RowFactory.create("b", 2), RowFactory.create("b", 2)),
            SCHEMA);
    DeltaTables.merge(spark, path, SCHEMA, first, List.of("k"), true);
    DeltaTables.merge(spark, path, SCHEMA, first, List.of("k"), true);
    assertEquals(2, spark.read().format("delta").load(path).count());
    Dataset<Row> second =
        spark.createDataFrame(
            List.of(RowFactory.create("a", 10), RowFactory.create("c", 3)), SCHEMA);
    DeltaTables.merge(spark, path, SCHEMA, second, List.of("k"), false);
    Dataset<Row> t = spark.read().format("delta").load(path);
    assertEquals(3, t.count());
    assertEquals(1, t.filter("k = 'a'").first().<Integer>getAs("v"));
    DeltaTables.merge(spark, path, SCHEMA, second, List.of("k"), true);
    assertEquals(
        10, spark.read().format("delta").load(path).filter("k = 'a'").first().<Integer>getAs("v"));
  }
}
