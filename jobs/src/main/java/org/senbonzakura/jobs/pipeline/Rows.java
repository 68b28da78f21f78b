/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.senbonzakura.jobs.mar.ExplodedMar;
import scala.collection.JavaConverters;

/** Conversions between Spark rows and the pipeline's small Java values. */
final class Rows {
  private Rows() {}

  /** The struct of one exploded file, as stored in the files table and carried in lists. */
  static final StructType FILE =
      new StructType()
          .add("path", DataTypes.StringType, false)
          .add("mode", DataTypes.IntegerType, false)
          .add("size", DataTypes.LongType, false)
          .add("sha256", DataTypes.StringType, false)
          .add("entry_sha256", DataTypes.StringType, false)
          .add("entry_size", DataTypes.LongType, false)
          .add("entry_format", DataTypes.StringType, false);

  static Row fileRow(ExplodedMar.ExplodedFile f) {
    return RowFactory.create(
        f.path(), f.mode(), f.size(), f.sha256(), f.entrySha256(), f.entrySize(), f.entryFormat());
  }

  static ExplodedMar.ExplodedFile file(Row r) {
    return new ExplodedMar.ExplodedFile(
        r.getString(r.fieldIndex("path")),
        r.getInt(r.fieldIndex("mode")),
        r.getLong(r.fieldIndex("size")),
        r.getString(r.fieldIndex("sha256")),
        r.getString(r.fieldIndex("entry_sha256")),
        r.getLong(r.fieldIndex("entry_size")),
        r.getString(r.fieldIndex("entry_format")));
  }

  static List<ExplodedMar.ExplodedFile> files(Row r, String column) {
    List<Row> rows = r.getList(r.fieldIndex(column));
    List<ExplodedMar.ExplodedFile> out = new ArrayList<>(rows.size());
    for (Row f : rows) {
      out.add(file(f));
    }
    return out;
  }

  static <T> scala.collection.Seq<T> seq(List<T> list) {
    return JavaConverters.asScalaBuffer(list).toList();
  }

  static String str(Row r, String column) {
    int i = r.fieldIndex(column);
    return r.isNullAt(i) ? null : r.get(i).toString();
  }

  static long lng(Row r, String column) {
    int i = r.fieldIndex(column);
    return r.isNullAt(i) ? 0 : ((Number) r.get(i)).longValue();
  }
}
