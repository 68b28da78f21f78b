/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.tables;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads the latest snapshot of a small Delta table in plain Java, through Delta Kernel, with no
 * Spark session. A command that only prints a table ({@code sbz results}) spent most of its 10 to
 * 13 s on a cold JVM starting Spark and replaying the table's log in Spark jobs
 * (docs/benchmarks.md); Kernel reads the same log and Parquet files directly, through the same
 * Hadoop file systems (local or S3A) that the job's own configuration names.
 *
 * <p>Values come as Spark's {@code Row.get} gives them, so that a caller prints what a Spark read
 * printed: {@link String}, {@link Integer}, {@link Long}, {@link Double}, {@link Boolean}, and
 * {@link Timestamp} for a timestamp. The rows of the tables sbz writes have no other types; any
 * other column is refused with an {@link IOException} naming it, rather than printed wrong.
 */
public final class KernelTableReader {
  /**
   * A table's columns and rows, in the order of its files in the log.
   *
   * @param rows each a list of {@code columns.size()} values, null where the table holds null
   */
  public record Rows(List<String> columns, List<List<Object>> rows) {
    /** The position of {@code column}, or an exception naming it. */
    public int index(String column) {
      int i = columns.indexOf(column);
      if (i < 0) {
        throw new IllegalArgumentException("no column " + column + " in " + columns);
      }
      return i;
    }
  }

  private final Engine engine;

  /** A reader whose file systems are those of {@code hadoop}. */
  public KernelTableReader(Configuration hadoop) {
    this.engine = DefaultEngine.create(hadoop);
  }

  /**
   * The table at {@code location} as of now, or no rows with {@code columnsIfMissing} when there is
   * no table there yet (no commit in its log), as {@link DeltaTables#readOrEmpty} reads it.
   *
   * @throws IOException when the log or a data file cannot be read, or a column has a type this
   *     reader does not convert
   */
  public Rows read(String location, List<String> columnsIfMissing) throws IOException {
    Snapshot snapshot;
    try {
      snapshot = Table.forPath(engine, DeltaTables.normalized(location)).getLatestSnapshot(engine);
    } catch (TableNotFoundException e) {
      return new Rows(columnsIfMissing, List.of());
    }
    StructType schema = snapshot.getSchema(engine);
    List<String> columns = schema.fields().stream().map(StructField::getName).toList();
    List<Column> readers = new ArrayList<>();
    for (StructField f : schema.fields()) {
      Column c = column(f.getDataType());
      if (c == null) {
        throw new IOException(
            "table " + location + ": column " + f.getName() + " has type " + f.getDataType());
      }
      readers.add(c);
    }
    Scan scan = snapshot.getScanBuilder(engine).build();
    Row scanState = scan.getScanState(engine);
    StructType physical = ScanStateRow.getPhysicalDataReadSchema(engine, scanState);
    List<List<Object>> rows = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<Row> fileRows = files.next().getRows()) {
          while (fileRows.hasNext()) {
            readFile(scanState, fileRows.next(), physical, readers, rows);
          }
        }
      }
    }
    return new Rows(columns, Collections.unmodifiableList(rows));
  }

  private void readFile(
      Row scanState,
      Row scanFile,
      StructType physical,
      List<Column> readers,
      List<List<Object>> out)
      throws IOException {
    FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
    CloseableIterator<ColumnarBatch> data =
        engine
            .getParquetHandler()
            .readParquetFiles(Utils.singletonCloseableIterator(file), physical, Optional.empty());
    try (CloseableIterator<FilteredColumnarBatch> logical =
        Scan.transformPhysicalData(engine, scanState, scanFile, data)) {
      while (logical.hasNext()) {
        try (CloseableIterator<Row> rows = logical.next().getRows()) {
          while (rows.hasNext()) {
            out.add(values(rows.next(), readers));
          }
        }
      }
    }
  }

  /** Reads column {@code i} of a row that holds a value there, as Spark's {@code Row.get} would. */
  private interface Column {
    Object read(Row row, int i);
  }

  /** The reader of a column of type {@code t}, or null for a type this reader does not convert. */
  private static Column column(DataType t) {
    if (t instanceof StringType) {
      return Row::getString;
    } else if (t instanceof IntegerType) {
      return Row::getInt;
    } else if (t instanceof LongType) {
      return Row::getLong;
    } else if (t instanceof DoubleType) {
      return Row::getDouble;
    } else if (t instanceof BooleanType) {
      return Row::getBoolean;
    } else if (t instanceof TimestampType) {
      return (row, i) -> timestamp(row.getLong(i));
    }
    return null;
  }

  private static List<Object> values(Row row, List<Column> readers) {
    Object[] v = new Object[readers.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = row.isNullAt(i) ? null : readers.get(i).read(row, i);
    }
    return Collections.unmodifiableList(Arrays.asList(v));
  }

  /** Microseconds since the epoch, as the instant Spark's {@code Row} gives for a timestamp. */
  static Timestamp timestamp(long micros) {
    return Timestamp.from(
        Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L));
  }
}
