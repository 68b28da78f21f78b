/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.tables;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one mapping between the Delta tables' snake_case columns (what analysts query) and the
 * pipeline's typed records, Java beans read and written with {@link Encoders#bean}: a bean property
 * {@code fromSha512} is the column {@code from_sha512}. Kept as a rule, not a list per table, so a
 * column added to a table schema and its record cannot drift apart: a property without its column
 * fails the read at once, by name.
 */
public final class TableRecords {
  private TableRecords() {}

  /** The column of a bean property: {@code fromSha512} → {@code from_sha512}. */
  public static String column(String property) {
    StringBuilder s = new StringBuilder(property.length() + 4);
    for (char c : property.toCharArray()) {
      if (Character.isUpperCase(c)) {
        s.append('_').append(Character.toLowerCase(c));
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }

  /** The bean property of a column: {@code from_sha512} → {@code fromSha512}. */
  public static String property(String column) {
    StringBuilder s = new StringBuilder(column.length());
    boolean up = false;
    for (char c : column.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        s.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return s.toString();
  }

  /** A table's rows (or any snake_case frame holding its columns) as records of {@code type}. */
  public static <T> Dataset<T> as(Dataset<Row> rows, Class<T> type) {
    Encoder<T> encoder = Encoders.bean(type);
    StructField[] fields = encoder.schema().fields();
    Column[] cols = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      cols[i] = col(column(fields[i].name())).as(fields[i].name());
    }
    return rows.select(cols).as(encoder);
  }

  /** A table's rows with each column named as its record property, for joins with records. */
  public static Dataset<Row> properties(Dataset<Row> rows) {
    String[] columns = rows.columns();
    Column[] cols = new Column[columns.length];
    for (int i = 0; i < columns.length; i++) {
      cols[i] = col(columns[i]).as(property(columns[i]));
    }
    return rows.select(cols);
  }

  /**
   * Records as the rows of the table with {@code schema}: its columns, in its order and types, from
   * the records' properties (properties that are no column of the table are left out).
   */
  public static Dataset<Row> toTable(Dataset<?> records, StructType schema) {
    StructField[] fields = schema.fields();
    Column[] cols = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      Column c = col(property(fields[i].name()));
      // atomic columns take the table's type (e.g. a primitive int property for a bigint column);
      // arrays and structs pass as they are: Spark cannot cast away an element's nullability
      cols[i] =
          (fields[i].dataType() instanceof AtomicType ? c.cast(fields[i].dataType()) : c)
              .as(fields[i].name());
    }
    return records.toDF().select(cols);
  }
}
