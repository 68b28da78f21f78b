/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.senbonzakura.jobs.TestSpark;

/**
 * The shipped configuration (reference.conf, through the production session factory) runs the job's
 * queries interpreted: a query of the shapes the stages use (join, aggregate, filter, projection)
 * compiles no generated code, whose Janino compile and JIT work cost a first run more than
 * interpreting its few rows.
 */
class InterpretedPlansTest {
  @Test
  void aStageShapedQueryCompilesNoGeneratedCode() throws Exception {
    SparkSession spark = TestSpark.session();
    StructType schema =
        new StructType().add("k", DataTypes.StringType).add("v", DataTypes.LongType);
    Dataset<Row> left =
        spark.createDataFrame(
            List.of(RowFactory.create("a", 1L), RowFactory.create("b", 2L)), schema);
    Dataset<Row> right =
        spark.createDataFrame(
            List.of(RowFactory.create("a", 10L), RowFactory.create("c", 30L)), schema);
    long before = CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
    List<Row> rows =
        new java.util.ArrayList<>(
            left.repartition(2)
                .join(
                    right.withColumnRenamed("v", "w"),
                    scala.collection.JavaConverters.asScalaBuffer(List.of("k")).toList(),
                    "left")
                .filter(col("v").gt(0))
                .select(col("k"), col("v").plus(coalesce(col("w"), lit(0L))).as("s"))
                .collectAsList());
    rows.sort(java.util.Comparator.comparing(r -> r.getString(0)));
    assertEquals(List.of(RowFactory.create("a", 11L), RowFactory.create("b", 2L)), rows);
    assertEquals(
        before,
        CodegenMetrics.METRIC_COMPILATION_TIME().getCount(),
        "generated code was compiled for the query");
  }
}
