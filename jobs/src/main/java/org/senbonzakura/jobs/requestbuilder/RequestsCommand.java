/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requestbuilder;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.cli.Args;
import org.senbonzakura.cli.Command;
import org.senbonzakura.cli.UsageException;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.config.JobOptions;
import org.senbonzakura.jobs.spark.SparkSessions;

/**
 * {@code sbz requests}: writes the requests table for one TO release and its previous releases, so
 * a scheduler can hand the job a whole release's worth of update paths. Spark starts only when it
 * is needed ({@code --skip-done} or Parquet output).
 */
public final class RequestsCommand implements Command {
  /** Exit status with {@code --fail-on-missing} when some path lacks a MAR. */
  public static final int MISSING = 4;

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a =
        Args.parse(
            argv,
            Set.of("--skip-done", "--fail-on-missing"),
            JobOptions.names(
                "--to",
                "--from",
                "--previous",
                "--platform",
                "--locale",
                "--product",
                "--channel",
                "--format",
                "--missing",
                "-o",
                "--output",
                "--out",
                "--locales",
                "--from-version",
                "--to-version"));
    a.positionals(0, 0);
    String output = a.get("-o", a.get("--output", a.get("--out", null)));
    if (output == null) {
      throw new UsageException("missing -o FILE");
    }
    if (a.all("--from").isEmpty()) {
      throw new UsageException("at least one --from release is needed");
    }
    int previous;
    try {
      previous = Integer.parseInt(a.get("--previous", "0"));
    } catch (NumberFormatException e) {
      throw new UsageException("--previous needs a number, got " + a.get("--previous", ""));
    }
    if (previous < 0) {
      throw new UsageException("--previous must be >= 0");
    }
    RequestWriter.Format format = RequestWriter.Format.of(a.get("--format", null), output);
    String product = a.get("--product", "firefox");
    Release to;
    List<Release> froms = new ArrayList<>();
    String channel = a.get("--channel", null);
    if (isMarFile(a.require("--to"))) {
      // one FROM and one TO MAR shared by --locales: the README's example requests
      List<String> locales = List.copyOf(commaSet(List.of(a.get("--locales", "en-US"))));
      String platform = a.get("--platform", "linux-x86_64");
      to = single(a.require("--to"), product, platform, locales, a.get("--to-version", "2.0"));
      froms.add(
          single(
              a.get("--from", null), product, platform, locales, a.get("--from-version", "1.0")));
      channel = a.get("--channel", "release");
    } else {
      to = ReleaseLoader.load(a.require("--to"), product);
      for (String f : a.all("--from")) {
        if (previous > 0 && froms.size() == previous) {
          break;
        }
        froms.add(ReleaseLoader.load(f, product));
      }
    }
    SparkHolder spark = new SparkHolder(JobOptions.load(a));
    Predicate<RequestPlan.UpdatePath> done = p -> false;
    if (a.has("--skip-done")) {
      done = DoneFilter.fromResults(spark.get(), spark.config().resultsTable);
    }
    RequestPlan plan =
        RequestBuilder.build(
            to,
            froms,
            previous,
            commaSet(a.all("--platform")),
            commaSet(a.all("--locale")),
            channel,
            done);
    RequestWriter.write(plan.paths(), Path.of(output), format, spark::get);
    for (RequestPlan.Missing m : plan.missing()) {
      err.println(
          "missing: "
              + m.platform()
              + " "
              + m.locale()
              + " "
              + m.fromVersion()
              + " -> "
              + m.toVersion()
              + ": "
              + m.reason());
    }
    if (a.get("--missing", null) != null) {
      RequestWriter.writeMissing(plan.missing(), Path.of(a.get("--missing", null)));
    }
    err.println(
        "sbz requests: wrote "
            + plan.paths().size()
            + " update path(s) to "
            + output
            + " ("
            + format.name().toLowerCase(java.util.Locale.ROOT)
            + "); "
            + plan.missing().size()
            + " missing, "
            + plan.alreadyDone()
            + " already done");
    return a.has("--fail-on-missing") && !plan.missing().isEmpty() ? MISSING : 0;
  }

  private static boolean isMarFile(String path) {
    return path.endsWith(".mar") && java.nio.file.Files.isRegularFile(Path.of(path));
  }

  private static Release single(
      String mar, String product, String platform, List<String> locales, String version)
      throws Exception {
    if (mar == null || !isMarFile(mar)) {
      throw new UsageException("--from and --to must both be .mar files, or both releases");
    }
    Path p = Path.of(mar).toAbsolutePath().normalize();
    String sha = ReleaseLoader.sha512(p);
    List<CompleteMar> mars = new ArrayList<>();
    for (String locale : locales) {
      mars.add(new CompleteMar(product, platform, locale, version, p.toUri().toString(), sha));
    }
    return Release.of(mar, mars);
  }

  private static Set<String> commaSet(List<String> values) {
    Set<String> s = new LinkedHashSet<>();
    for (String v : values) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          s.add(part.trim());
        }
      }
    }
    return s;
  }

  /** Starts Spark on first use only. */
  private static final class SparkHolder {
    private final JobConfig config;
    private SparkSession session;

    SparkHolder(JobConfig config) {
      this.config = config;
    }

    JobConfig config() {
      return config;
    }

    SparkSession get() {
      if (session == null) {
        session = SparkSessions.create(config);
      }
      return session;
    }
  }

  @Override
  public String usage() {
    return "usage: sbz requests --to RELEASE --from RELEASE [--from RELEASE]... -o OUT\n"
        + "         [--previous N] [--platform P[,P]]... [--locale L[,L]]... [--product NAME]\n"
        + "         [--channel C] [--format csv|json|parquet] [--missing FILE] [--fail-on-missing]\n"
        + "         [--skip-done [--conf FILE] [--storage-root URI]]\n"
        + "  RELEASE: a directory <platform>/<locale>/<product>-<version>.complete.mar (SHA-512s\n"
        + "  computed, file: URLs), or a .csv/.json/.jsonl manifest with url, sha512, platform,\n"
        + "  locale, version[, product]. FROM releases newest first; --previous N uses the first N.\n"
        + "  Writes one request per (platform, locale, from -> to) whose two MARs exist; reports\n"
        + "  the missing ones. --skip-done drops paths done or reused in the results table.\n"
        + "   or: sbz requests --from FROM.mar --to TO.mar --out FILE.csv [--locales a,b,...]\n"
        + "         [--product P] [--platform P] [--from-version V] [--to-version V] [--channel C]\n"
        + "  one FROM/TO pair of MARs shared by every locale (the README's example requests).";
  }
}
