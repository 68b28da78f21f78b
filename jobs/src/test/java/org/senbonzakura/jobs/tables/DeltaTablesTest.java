/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
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

  @Test
  void anEmptyTableIsReadWithoutASparkJobAndItsRowsOnceItHasSome() throws Exception {
    SparkSession spark = TestSpark.session();
    String path = dir.resolve("e").toUri().toString();
    DeltaTables.ensure(spark, path, SCHEMA);
    assertTrue(DeltaTables.isEmpty(spark, DeltaTables.normalized(path)));
    AtomicInteger jobs = new AtomicInteger();
    SparkListener counter =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart start) {
            jobs.incrementAndGet();
          }
        };
    spark.sparkContext().addSparkListener(counter);
    try {
      Dataset<Row> empty = DeltaTables.readOrEmpty(spark, path, SCHEMA);
      assertEquals(List.of(), empty.collectAsList());
      assertEquals(SCHEMA, empty.schema());
      spark.sparkContext().listenerBus().waitUntilEmpty(30_000);
      assertEquals(0, jobs.get(), "reading an empty table ran Spark jobs");
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }

    DeltaTables.merge(
        spark,
        path,
        SCHEMA,
        spark.createDataFrame(List.of(RowFactory.create("a", 1)), SCHEMA),
        List.of("k"),
        true);
    assertFalse(DeltaTables.isEmpty(spark, DeltaTables.normalized(path)));
    assertEquals(1, DeltaTables.readOrEmpty(spark, path, SCHEMA).count());
    // every row deleted: no file left, so empty again
    io.delta.tables.DeltaTable.forPath(spark, DeltaTables.normalized(path)).delete();
    assertTrue(DeltaTables.isEmpty(spark, DeltaTables.normalized(path)));
    assertEquals(0, DeltaTables.readOrEmpty(spark, path, SCHEMA).count());
  }
}
