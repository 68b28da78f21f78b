/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.cli.Args;
import org.senbonzakura.cli.Command;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.config.JobOptions;
import org.senbonzakura.jobs.spark.SparkSessions;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;

/** {@code sbz results}: prints the results table, or the runs table with {@code --runs}. */
final class ResultsCommand implements Command {
  private static final List<String> RESULT_COLUMNS =
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
  private static final List<String> RUN_COLUMNS =
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
    JobConfig config = JobOptions.load(a, Map.of("sbz.spark.conf.\"spark.ui.enabled\"", "false"));
    SparkSession spark = SparkSessions.create(config);
    try {
      boolean runs = a.has("--runs");
      Dataset<Row> t =
          runs
              ? DeltaTables.readOrEmpty(spark, config.runsTable, TableSchemas.RUNS)
                  .orderBy("started_at")
              : DeltaTables.readOrEmpty(spark, config.resultsTable, TableSchemas.RESULTS)
                  .orderBy("product", "platform", "locale", "from_version", "to_version");
      if (a.has("--json")) {
        for (String line : t.toJSON().collectAsList()) {
          out.println(line);
        }
      } else {
        List<String> cols = runs ? RUN_COLUMNS : RESULT_COLUMNS;
        out.println(String.join("\t", cols));
        for (Row r : t.selectExpr(cols.toArray(new String[0])).collectAsList()) {
          StringBuilder line = new StringBuilder();
          for (int i = 0; i < r.length(); i++) {
            line.append(i == 0 ? "" : "\t").append(r.isNullAt(i) ? "" : r.get(i).toString());
          }
          out.println(line);
        }
      }
      return 0;
    } finally {
      spark.stop();
    }
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
