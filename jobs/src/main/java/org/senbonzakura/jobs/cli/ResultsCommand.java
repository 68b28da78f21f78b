/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.cli;

import java.io.PrintStream;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.types.StructType;
import org.senbonzakura.cli.Args;
import org.senbonzakura.cli.Command;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.config.JobOptions;
import org.senbonzakura.jobs.spark.SparkSessions;
import org.senbonzakura.jobs.tables.KernelTableReader;
import org.senbonzakura.jobs.tables.KernelTableReader.Rows;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * {@code sbz results}: prints the results table, or the runs table with {@code --runs}. It reads
 * the table with Delta Kernel, not Spark, and prints it as a Spark read printed it ({@link
 * TableListing}).
 */
final class ResultsCommand implements Command {
  static final List<String> RESULT_COLUMNS =
      List.of(
          "request_id",
          "locale",
          "platform",
          "from_version",
          "to_version",
          "status",
          "partial_path",
          "partial_size",
          "partial_sha512",
          "patched_files",
          "added_files",
          "removed_files",
          "error");
  static final List<String> RUN_COLUMNS =
      List.of(
          "run_id",
          "started_at",
          "wall_ms",
          "requests",
          "done",
          "reused",
          "failed",
          "distinct_pairs",
          "diffs_computed",
          "cache_hits",
          "l1_hit_rate",
          "l2_hit_rate");

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = Args.parse(argv, Set.of("--runs", "--json"), JobOptions.names());
    a.positionals(0, 0);
    JobConfig config = JobOptions.load(a);
    SparkConf spark = SparkSessions.conf(config);
    // no Spark session: Kernel reads the table through the file systems the session would use
    KernelTableReader reader = new KernelTableReader(SparkSessions.hadoopConfiguration(spark));
    boolean runs = a.has("--runs");
    Rows table =
        runs
            ? reader.read(config.runsTable, fieldNames(TableSchemas.RUNS))
            : reader.read(config.resultsTable, fieldNames(TableSchemas.RESULTS));
    List<List<Object>> rows =
        TableListing.sorted(
            table,
            runs
                ? List.of("started_at")
                : List.of("product", "platform", "locale", "from_version", "to_version"));
    if (a.has("--json")) {
      // read as Spark reads the setting: a region, an offset, or one of the JDK's short ids
      ZoneId zone =
          ZoneId.of(
              spark.get("spark.sql.session.timeZone", TimeZone.getDefault().getID()),
              ZoneId.SHORT_IDS);
      TableListing.jsonLines(table, rows, zone, out);
    } else {
      TableListing.tsv(table, rows, runs ? RUN_COLUMNS : RESULT_COLUMNS, out);
    }
    return 0;
  }

  private static List<String> fieldNames(StructType schema) {
    return List.of(schema.fieldNames());
  }

  @Override
  public String usage() {
    return "usage: sbz results "
        + JobOptions.USAGE
        + " [--runs] [--json]\n"
        + "  prints the results table (or the runs table); --json: one object per line\n"
        + JobOptions.HELP;
  }
}
