/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.senbonzakura.jobs.tables.DeltaTables;

/**
 * Brings a table written by an older build up to the current schema before the run MERGEs into it:
 * columns the schema gained (always nullable, always appended last) are added with {@code ALTER
 * TABLE ... ADD COLUMNS}, so existing rows read them as null and no schema auto-merge is needed.
 */
final class TableUpgrade {
  private TableUpgrade() {}

  /** Adds the columns of {@code schema} the table at {@code location} lacks; the names added. */
  static List<String> addMissingColumns(SparkSession spark, String location, StructType schema) {
    String path = DeltaTables.normalized(location);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return List.of();
    }
    Set<String> have =
        java.util.Arrays.stream(DeltaTable.forPath(spark, path).toDF().schema().fieldNames())
            .collect(Collectors.toSet());
    List<String> added = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (!have.contains(f.name())) {
        if (!f.nullable()) {
          throw new IllegalStateException(
              "column " + f.name() + " is not nullable and cannot be added to " + path);
        }
        added.add(f.name());
        columns.add("`" + f.name() + "` " + f.dataType().sql());
      }
    }
    if (!columns.isEmpty()) {
      spark.sql(
          "ALTER TABLE delta.`"
              + path.replace("`", "``")
              + "` ADD COLUMNS ("
              + String.join(", ", columns)
              + ")");
    }
    return added;
  }
}
