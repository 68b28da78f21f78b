/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.senbonzakura.jobs.fetch.UrlPolicy;

/**
 * Reads the requests table from CSV (with a header), JSON lines, Parquet or Delta, and returns one
 * validated row per row of the table (schema {@link RequestSchema#validated()}). Every column is
 * read as text so that a bad value fails its own row instead of the whole read.
 */
public final class RequestReader {
  private final SparkSession spark;

  public RequestReader(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * Reads and validates, one row per row of the table. A request listed twice (same id) comes
   * twice: the requests stage keeps it once after collecting the rows to the driver, where that
   * costs nothing, instead of a shuffle here (an aggregate's code generation, a map stage and a
   * reduce stage: a second or more of a first run's cold JVM).
   *
   * @throws InvalidRequestsTableException when the table lacks a required column
   */
  public Dataset<Row> read(String path, String format, UrlPolicy urls) throws IOException {
    Dataset<Row> raw = readRaw(path, resolveFormat(path, format));
    return raw.map(new RequestValidator(urls), Encoders.row(RequestSchema.validated()));
  }

  /**
   * The raw rows, projected onto the text columns of {@link RequestSchema#raw()}. A required column
   * absent from the whole table is the table's error, not each row's: every row would fail for the
   * same reason, and the run would do its setup for nothing.
   */
  Dataset<Row> readRaw(String path, String format) throws IOException {
    Dataset<Row> df =
        switch (format) {
          case "csv" -> csv(path);
          case "json" ->
              spark
                  .read()
                  .option("primitivesAsString", "true")
                  .option("mode", "PERMISSIVE")
                  .json(path);
          case "parquet" -> spark.read().parquet(path);
          case "delta" -> spark.read().format("delta").load(path);
          default -> throw new IllegalArgumentException("unknown requests format " + format);
        };
    List<String> present = Arrays.asList(df.columns());
    List<String> missing =
        RequestSchema.REQUIRED.stream().filter(c -> !present.contains(c)).toList();
    if (!missing.isEmpty() && present.stream().allMatch(c -> c.equals("_corrupt_record"))) {
      // Spark refuses queries of a JSON table whose only column is its corrupt-record column
      throw new InvalidRequestsTableException(
          "requests table " + path + " has no readable row (no line parses as a JSON object)");
    }
    if (!missing.isEmpty()) {
      throw new InvalidRequestsTableException(
          "requests table "
              + path
              + " lacks the required column"
              + (missing.size() == 1 ? " " : "s ")
              + String.join(", ", missing)
              + " (it has: "
              + (present.isEmpty() ? "none" : String.join(", ", present))
              + ")");
    }
    List<Column> cols = new ArrayList<>();
    for (StructField f : RequestSchema.raw().fields()) {
      String name = f.name();
      Column c;
      if (!present.contains(name)) {
        c = functions.lit(null).cast(DataTypes.StringType);
      } else if (df.schema().apply(name).dataType() instanceof ArrayType) {
        c = functions.concat_ws(",", df.col(name));
      } else {
        c = df.col(name).cast(DataTypes.StringType);
      }
      cols.add(c.as(name));
    }
    cols.add(
        (present.contains("_corrupt_record")
                ? df.col("_corrupt_record")
                : functions.lit(null).cast(DataTypes.StringType))
            .as(RequestSchema.MALFORMED));
    return df.select(cols.toArray(new Column[0]));
  }

  /**
   * A CSV table with a header. Every column is text: a plain header gives Spark the schema (no job
   * to read it); any other is read by Spark, whose columns are text too, since schema inference is
   * off.
   */
  private Dataset<Row> csv(String path) throws IOException {
    DataFrameReader reader = spark.read().option("header", "true").option("mode", "PERMISSIVE");
    Optional<StructType> header =
        CsvHeader.schema(path, spark.sparkContext().hadoopConfiguration());
    return (header.isPresent() ? reader.schema(header.get()) : reader).csv(path);
  }

  /** The format named by the config or flag, or guessed from the path for {@code auto}. */
  String resolveFormat(String path, String format) throws IOException {
    String f = format.toLowerCase(Locale.ROOT);
    if (!f.equals("auto")) {
      if (!List.of("csv", "json", "parquet", "delta").contains(f)) {
        throw new IOException("unknown requests format '" + format + "'");
      }
      return f;
    }
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(p)) {
      throw new IOException("requests table not found: " + path);
    }
    if (fs.exists(new Path(p, "_delta_log"))) {
      return "delta";
    }
    String name = p.getName().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return "csv";
    }
    if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return "json";
    }
    if (name.endsWith(".parquet") || fs.getFileStatus(p).isDirectory()) {
      return "parquet";
    }
    throw new IOException("cannot tell the format of " + path + "; set sbz.requests.format");
  }
}
