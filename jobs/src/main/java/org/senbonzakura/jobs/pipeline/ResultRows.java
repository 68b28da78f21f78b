/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.io.Serializable;
import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * Builds rows of the results table. Request columns (keys, build IDs, cache hits, phase times) are
 * copied by name from the request row when it has them; the outcome columns are given.
 */
final class ResultRows implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The outcome of one request. */
  record Outcome(
      String status,
      String error,
      String partialPath,
      Long partialSize,
      String partialSha512,
      Integer patched,
      Integer added,
      Integer removed,
      Long assembleMs,
      Boolean signed) {
    static Outcome failed(String error) {
      return new Outcome("failed", error, null, null, null, null, null, null, null, null);
    }
  }

  private ResultRows() {}

  static Row build(Row request, Outcome o, String runId, String generator) {
    StructField[] fields = TableSchemas.RESULTS.fields();
    Object[] v = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      String name = fields[i].name();
      v[i] =
          switch (name) {
            case "status" -> o.status();
            case "error" -> o.error();
            case "partial_path" -> o.partialPath();
            case "partial_size" -> o.partialSize();
            case "partial_sha512" -> o.partialSha512();
            case "patched_files" -> o.patched();
            case "added_files" -> o.added();
            case "removed_files" -> o.removed();
            case "assemble_ms" -> o.assembleMs();
            case "signed" -> o.signed();
            case "run_id" -> runId;
            case "generator_version" -> generator;
            case "updated_at" -> new Timestamp(System.currentTimeMillis());
            default -> copy(request, name, fields[i]);
          };
    }
    return RowFactory.create(v);
  }

  private static Object copy(Row r, String name, StructField f) {
    int i;
    try {
      i = r.fieldIndex(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (r.isNullAt(i)) {
      return null;
    }
    Object o = r.get(i);
    if (f.dataType().equals(org.apache.spark.sql.types.DataTypes.IntegerType)) {
      return ((Number) o).intValue();
    }
    if (f.dataType().equals(org.apache.spark.sql.types.DataTypes.LongType)) {
      return ((Number) o).longValue();
    }
    return o instanceof String ? o : o.toString();
  }
}
