/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The column names of a CSV requests file, read from its first line, as an all-text schema. Given
 * that schema, Spark's CSV reader skips the header instead of running a job of its own to read it:
 * on a first run's cold JVM that job and its plan cost about a second (docs/benchmarks.md). Only a
 * plain header is taken (names of letters, digits and underscores, distinct ignoring case): Spark
 * rewrites empty, duplicated or quoted names, so any other header is left to Spark to read.
 */
final class CsvHeader {
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Longest first line read; a longer one is not a plain header of a requests table. */
  private static final int MAX_LINE = 64 * 1024;

  private CsvHeader() {}

  /**
   * The schema of the file at {@code path} (every column text, in the header's order), or empty
   * when the path is not a single file or its first line is not a plain header.
   */
  static Optional<StructType> schema(String path, Configuration hadoop) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(hadoop);
    FileStatus status = fs.getFileStatus(p);
    if (!status.isFile()) {
      return Optional.empty();
    }
    String first;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
      char[] buf = new char[MAX_LINE];
      int n = 0;
      int c;
      while (n < MAX_LINE && (c = r.read()) != -1 && c != '\n') {
        buf[n++] = (char) c;
      }
      if (n == MAX_LINE) {
        return Optional.empty();
      }
      first = new String(buf, 0, n);
    }
    if (first.endsWith("\r")) {
      first = first.substring(0, first.length() - 1);
    }
    return plain(first);
  }

  /** The schema of a header line, when every name in it is plain and distinct ignoring case. */
  static Optional<StructType> plain(String line) {
    List<String> names = List.of(line.split(",", -1));
    Set<String> seen = new HashSet<>();
    StructType schema = new StructType();
    for (String name : names) {
      if (!PLAIN_NAME.matcher(name).matches() || !seen.add(name.toLowerCase(Locale.ROOT))) {
        return Optional.empty();
      }
      schema = schema.add(name, DataTypes.StringType, true);
    }
    return Optional.of(schema);
  }
}
