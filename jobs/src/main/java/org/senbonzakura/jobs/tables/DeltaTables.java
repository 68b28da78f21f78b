/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.tables;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The two Delta operations the pipeline uses: create a table if it is missing, and MERGE rows into
 * it by key. MERGE (never a blind append) is what makes every write idempotent: a retried task or a
 * re-run writes the same keys again and never duplicates a row.
 */
public final class DeltaTables {
  private DeltaTables() {}

  /** Creates the table at {@code path} with {@code schema} unless it exists. */
  public static DeltaTable ensure(SparkSession spark, String location, StructType schema) {
    String path = normalized(location);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      DeltaTable.createIfNotExists(spark).location(path).addColumns(schema).execute();
    }
    return DeltaTable.forPath(spark, path);
  }

  /** Reads the table, or an empty frame with {@code schema} when it does not exist yet. */
  public static Dataset<Row> readOrEmpty(SparkSession spark, String location, StructType schema) {
    String path = normalized(location);
    if (DeltaTable.isDeltaTable(spark, path)) {
      return spark.read().format("delta").load(path);
    }
    return spark.createDataFrame(List.of(), schema);
  }

  /** Hadoop's spelling of a location ({@code file:/x}, not {@code file:///x}), as Delta wants. */
  public static String normalized(String location) {
    return new Path(location).toString();
  }

  /**
   * Upserts {@code rows} by {@code keys}: matched rows are replaced when {@code replace}, else
   * kept; new keys are inserted. Duplicate keys in {@code rows} are dropped first (MERGE forbids
   * two source rows for one target row).
   */
  public static void merge(
      SparkSession spark,
      String path,
      StructType schema,
      Dataset<Row> rows,
      List<String> keys,
      boolean replace) {
    DeltaTable table = ensure(spark, path, schema);
    Dataset<Row> source = rows.dropDuplicates(keys.toArray(new String[0]));
    String on = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    var builder = table.as("t").merge(source.as("s"), on);
    if (replace) {
      builder = builder.whenMatched().updateAll();
    }
    builder.whenNotMatched().insertAll().execute();
  }
}
