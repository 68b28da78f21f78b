/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.senbonzakura.jobs.tables.KernelTableReader.Rows;

/**
 * Prints a table's rows as {@code sbz results} always has, when a Spark session read them: sorted
 * as Spark's {@code orderBy} sorts, then as tab-separated text ({@code Row.get(i).toString()}, an
 * empty field for null) or as JSON lines ({@code Dataset.toJSON}). The rules are Spark's, written
 * down here so that the command needs no session; {@code ResultsCommandTest} holds them to a real
 * Spark read of the same table.
 */
final class TableListing {
  /**
   * Spark's default {@code timestampFormat} for writing JSON, in the session's time zone: three
   * digits of fraction (the microseconds beyond are dropped) and {@code Z} for UTC.
   */
  private static final String JSON_TIMESTAMP = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

  private static final JsonFactory JSON = new JsonFactory();

  private TableListing() {}

  /**
   * The rows ordered by {@code keys}, ascending with nulls first (Spark's {@code orderBy} default);
   * text compares by its UTF-8 bytes, unsigned, as Spark compares strings. Rows with equal keys
   * keep the table's order.
   */
  static List<List<Object>> sorted(Rows table, List<String> keys) {
    Comparator<List<Object>> order = (a, b) -> 0;
    for (String key : keys) {
      int i = table.index(key);
      order = order.thenComparing(r -> r.get(i), TableListing::compareValues);
    }
    return table.rows().stream().sorted(order).toList();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof String x && b instanceof String y) {
      return Arrays.compareUnsigned(
          x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
    }
    return ((Comparable) a).compareTo(b);
  }

  /** A header line of {@code columns}, then each row's values of those columns, tab-separated. */
  static void tsv(Rows table, List<List<Object>> rows, List<String> columns, PrintStream out) {
    out.println(String.join("\t", columns));
    int[] at = columns.stream().mapToInt(table::index).toArray();
    for (List<Object> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < at.length; i++) {
        Object v = r.get(at[i]);
        line.append(i == 0 ? "" : "\t").append(v == null ? "" : v.toString());
      }
      out.println(line);
    }
  }

  /**
   * One JSON object per row: every non-null column in the table's order (Spark leaves null fields
   * out), timestamps as text in {@code zone}.
   */
  static void jsonLines(Rows table, List<List<Object>> rows, ZoneId zone, PrintStream out)
      throws IOException {
    DateTimeFormatter timestamps =
        DateTimeFormatter.ofPattern(JSON_TIMESTAMP, Locale.US).withZone(zone);
    for (List<Object> r : rows) {
      StringWriter line = new StringWriter();
      try (JsonGenerator g = JSON.createGenerator(line)) {
        g.writeStartObject();
        for (int i = 0; i < r.size(); i++) {
          Object v = r.get(i);
          if (v == null) {
            continue;
          }
          g.writeFieldName(table.columns().get(i));
          if (v instanceof String s) {
            g.writeString(s);
          } else if (v instanceof Integer n) {
            g.writeNumber(n);
          } else if (v instanceof Long n) {
            g.writeNumber(n);
          } else if (v instanceof Double d) {
            g.writeNumber(d);
          } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
          } else if (v instanceof Timestamp t) {
            g.writeString(timestamps.format(t.toInstant()));
          } else {
            throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
          }
        }
        g.writeEndObject();
      }
      out.println(line);
    }
  }
}
