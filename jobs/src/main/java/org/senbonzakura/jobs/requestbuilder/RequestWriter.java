/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requestbuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.senbonzakura.jobs.requests.RequestSchema;

/**
 * Writes update paths as the pipeline's requests table: the columns of {@link RequestSchema#raw()}
 * in its order, as CSV (with a header), JSON lines, or a Parquet directory.
 */
public final class RequestWriter {
  /** Output formats. */
  public enum Format {
    CSV,
    JSON,
    PARQUET;

    /** The format named by {@code name}, or guessed from the output's extension when null. */
    public static Format of(String name, String output) throws RequestBuildException {
      String n = name;
      if (n == null) {
        String o = output.toLowerCase(Locale.ROOT);
        n =
            o.endsWith(".csv")
                ? "csv"
                : o.endsWith(".json") || o.endsWith(".jsonl")
                    ? "json"
                    : o.endsWith(".parquet") ? "parquet" : null;
        if (n == null) {
          throw new RequestBuildException(
              "cannot tell the format of " + output + ": use --format csv|json|parquet");
        }
      }
      try {
        return valueOf(n.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new RequestBuildException("unknown format '" + n + "' (csv, json or parquet)", e);
      }
    }
  }

  private RequestWriter() {}

  /** The request row's values, in {@link RequestSchema#raw()} order. */
  static List<String> values(RequestPlan.UpdatePath p) {
    List<String> v = new ArrayList<>();
    for (StructField f : RequestSchema.raw().fields()) {
      v.add(
          switch (f.name()) {
            case RequestSchema.PRODUCT -> p.to().product();
            case RequestSchema.PLATFORM -> p.to().platform();
            case RequestSchema.LOCALE -> p.to().locale();
            case RequestSchema.FROM_VERSION -> p.from().version();
            case RequestSchema.TO_VERSION -> p.to().version();
            case RequestSchema.FROM_URL -> p.from().url();
            case RequestSchema.TO_URL -> p.to().url();
            case RequestSchema.FROM_SHA512 -> p.from().sha512();
            case RequestSchema.TO_SHA512 -> p.to().sha512();
            case RequestSchema.CHANNEL -> p.channel();
            default -> null;
          });
    }
    return v;
  }

  public static void write(
      List<RequestPlan.UpdatePath> paths, Path out, Format format, Supplier<SparkSession> spark)
      throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    List<String> columns = List.of(RequestSchema.raw().fieldNames());
    switch (format) {
      case CSV -> {
        StringBuilder b = new StringBuilder(String.join(",", columns)).append('\n');
        for (RequestPlan.UpdatePath p : paths) {
          List<String> v = values(p);
          for (int i = 0; i < v.size(); i++) {
            b.append(i == 0 ? "" : ",").append(Csv.field(v.get(i)));
          }
          b.append('\n');
        }
        atomically(out, b.toString());
      }
      case JSON -> {
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder b = new StringBuilder();
        for (RequestPlan.UpdatePath p : paths) {
          ObjectNode o = mapper.createObjectNode();
          List<String> v = values(p);
          for (int i = 0; i < v.size(); i++) {
            if (v.get(i) != null) {
              o.put(columns.get(i), v.get(i));
            }
          }
          b.append(mapper.writeValueAsString(o)).append('\n');
        }
        atomically(out, b.toString());
      }
      case PARQUET -> {
        List<Row> rows = new ArrayList<>();
        for (RequestPlan.UpdatePath p : paths) {
          rows.add(RowFactory.create(values(p).toArray()));
        }
        spark
            .get()
            .createDataFrame(rows, RequestSchema.raw())
            .coalesce(1)
            .write()
            .mode("overwrite")
            .parquet(out.toAbsolutePath().toUri().toString());
      }
      default -> throw new IllegalStateException("unhandled format " + format);
    }
  }

  /** The missing paths as CSV (platform, locale, from_version, to_version, reason). */
  public static void writeMissing(List<RequestPlan.Missing> missing, Path out) throws IOException {
    StringBuilder b = new StringBuilder("platform,locale,from_version,to_version,reason\n");
    for (RequestPlan.Missing m : missing) {
      b.append(Csv.field(m.platform()))
          .append(',')
          .append(Csv.field(m.locale()))
          .append(',')
          .append(Csv.field(m.fromVersion()))
          .append(',')
          .append(Csv.field(m.toVersion()))
          .append(',')
          .append(Csv.field(m.reason()))
          .append('\n');
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    atomically(out, b.toString());
  }

  private static void atomically(Path out, String text) throws IOException {
    Path tmp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
