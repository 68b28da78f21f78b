/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.cli.Args;
import org.senbonzakura.cli.Command;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.config.JobOptions;
import org.senbonzakura.jobs.spark.SparkSessions;

/**
 * {@code sbz report}: writes the run report page. With {@code --fail-on-failures} it also exits
 * with status 3 when the latest run had failed requests, which is how the scheduling scripts check
 * a run (and keep the page as the evidence).
 */
public final class ReportCommand implements Command {
  /** Exit status when {@code --fail-on-failures} finds failures in the latest run. */
  public static final int FAILURES = 3;

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = Args.parse(argv, Set.of("--fail-on-failures"), JobOptions.names("-o", "--output"));
    a.positionals(0, 0);
    String output = a.get("-o", a.get("--output", null));
    if (output == null) {
      throw new org.senbonzakura.cli.UsageException("missing -o FILE");
    }
    JobConfig config = JobOptions.load(a);
    SparkSession spark = SparkSessions.create(config);
    ReportData data = ReportLoader.load(spark, config);
    write(Path.of(output), ReportPage.render(data, Instant.now()));
    err.println(
        "sbz report: wrote "
            + output
            + " ("
            + data.runs().size()
            + " runs, "
            + data.sizes().size()
            + " partials, "
            + data.totalFailed()
            + " failed requests)");
    if (a.has("--fail-on-failures")) {
      if (data.runs().isEmpty()) {
        err.println("sbz report: no run recorded in " + config.runsTable);
        return FAILURES;
      }
      ReportData.Run last = data.runs().get(0);
      if (last.failed() > 0) {
        err.println(
            "sbz report: run "
                + last.runId()
                + " has "
                + last.failed()
                + " failed request(s) of "
                + last.requests());
        return FAILURES;
      }
      err.println("sbz report: run " + last.runId() + " has no failed requests");
    }
    return 0;
  }

  private static void write(Path target, String html) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = parent.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid());
    Files.writeString(tmp, html, StandardCharsets.UTF_8);
    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public String usage() {
    return "usage: sbz report [--conf FILE] [--storage-root URI] [--fail-on-failures] -o report.html\n"
        + "  Writes one self-contained HTML page (last runs, cache hit rates, time per phase,\n"
        + "  partial vs complete size, failures) from the results, runs and mars tables.\n"
        + "  --fail-on-failures: exit 3 when the latest run has failed requests (or no run exists).";
  }
}
