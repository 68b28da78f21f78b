/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.cli.Args;
import org.senbonzakura.cli.Command;
import org.senbonzakura.cli.UsageException;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.config.JobOptions;
import org.senbonzakura.jobs.pipeline.Pipeline;
import org.senbonzakura.jobs.pipeline.RunStats;
import org.senbonzakura.jobs.spark.SparkSessions;

/** {@code sbz run}: the whole job, then the one-screen summary. Exit 1 if any request failed. */
final class RunCommand implements Command {
  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a =
        Args.parse(
            argv, Set.of(), JobOptions.names("--requests", "--allow-url-prefix", "--format"));
    a.positionals(0, 0);
    Map<String, Object> flags = new HashMap<>();
    if (a.get("--requests", null) != null) {
      flags.put("sbz.requests.path", a.get("--requests", null));
    }
    if (a.get("--format", null) != null) {
      flags.put("sbz.requests.format", a.get("--format", null));
    }
    if (!a.all("--allow-url-prefix").isEmpty()) {
      flags.put("sbz.fetch.allow-url-prefixes", a.all("--allow-url-prefix"));
    }
    JobConfig config = JobOptions.load(a, flags);
    if (config.requestsPath.isEmpty()) {
      throw new UsageException("missing --requests (or sbz.requests.path)");
    }
    SparkSession spark = SparkSessions.create(config);
    try {
      RunStats stats = new Pipeline(spark, config).run(config.requestsPath, config.requestsFormat);
      out.println(stats.summary());
      return stats.failed == 0 ? 0 : 1;
    } finally {
      spark.stop();
    }
  }

  @Override
  public String usage() {
    return "usage: sbz run --requests PATH [--format auto|csv|json|parquet|delta]\n"
        + "               [--allow-url-prefix P]... "
        + JobOptions.USAGE
        + "\n"
        + "  runs the partials job (exit 1 if any request failed; see sbz results)\n"
        + JobOptions.HELP;
  }
}
