/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.pipeline.Pipeline;
import org.senbonzakura.jobs.pipeline.RunStats;

/**
 * Delta tables made by two real runs of {@link Pipeline}, for the tests that read what the pipeline
 * writes (the notebooks' SQL and the run report), so they break when the pipeline's tables change
 * under them. Built once per test JVM in a temporary directory.
 *
 * <p>The complete MARs are the golden {@code partial-small} trees plus one file per platform and
 * one per locale, so the golden files' pairs are shared by every request (dedup) while each
 * platform and locale also has pairs of its own. The first run builds {@link #FIRST} plus the bad
 * rows; the second run repeats all of that and adds {@link #SECOND_ONLY}, so it reuses finished
 * requests, hits the patch cache for the shared pairs and diffs only the new locales' files. Both
 * runs carry the same failing requests: a wrong SHA-512, a URL outside the allow-list and a MAR
 * whose index points past its end.
 */
public final class PipelineRunFixture {
  /** A (platform, locale) whose partial the fixture requests. */
  public record Target(String platform, String locale) {}

  public static final List<String> PLATFORMS = List.of("linux-x86_64", "win64");

  public static final List<Target> FIRST =
      List.of(
          new Target("linux-x86_64", "de"),
          new Target("linux-x86_64", "fr"),
          new Target("linux-x86_64", "ja"),
          new Target("win64", "de"));

  public static final List<Target> SECOND_ONLY =
      List.of(new Target("linux-x86_64", "it"), new Target("win64", "fr"));

  /** The locales of the failing requests: wrong SHA-512, URL not allowed, corrupt MAR. */
  public static final String BAD_SHA = "xx-sha";

  public static final String BAD_URL = "xx-url";
  public static final String BAD_MAR = "xx-hostile";

  private static PipelineRunFixture shared;

  private final Path work;
  private final JobConfig config;
  private final List<RunStats> runs = new ArrayList<>();

  private PipelineRunFixture(Path work, JobConfig config) {
    this.work = work;
    this.config = config;
  }

  /** The runs' tables, made on first use and deleted when the JVM exits. */
  public static synchronized PipelineRunFixture shared() throws Exception {
    if (shared == null) {
      Path work = Files.createTempDirectory("sbz-pipeline-run-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(work)));
      JobConfig config =
          TestSpark.config(
              work.resolve("root"),
              Map.of(
                  "sbz.fetch.allow-url-prefixes",
                  List.of(work.resolve("mars").toUri().toString())));
      PipelineRunFixture f = new PipelineRunFixture(work, config);
      f.runAll(TestSpark.session());
      shared = f;
    }
    return shared;
  }

  /** The config the runs used: its table locations are where the tables are. */
  public JobConfig config() {
    return config;
  }

  /** The two runs' statistics, oldest first. */
  public List<RunStats> runs() {
    return List.copyOf(runs);
  }

  /** The results table as the last run left it. */
  public List<Row> results(SparkSession spark) {
    return spark.read().format("delta").load(config.resultsTable).collectAsList();
  }

  private void runAll(SparkSession spark) throws Exception {
    List<Target> all = new ArrayList<>(FIRST);
    all.addAll(SECOND_ONLY);
    runs.add(new Pipeline(spark, config).run(requests("first", FIRST), "csv"));
    runs.add(new Pipeline(spark, config).run(requests("second", all), "csv"));
  }

  private String requests(String name, List<Target> targets) throws Exception {
    StringBuilder csv = new StringBuilder(GoldenLocales.REQUESTS_HEADER);
    for (Target t : targets) {
      Path from = completeMar(t, "from");
      csv.append(
          row(t.platform(), t.locale(), from, completeMar(t, "to"), GoldenLocales.sha512(from)));
    }
    Target first = FIRST.get(0);
    Path from = completeMar(first, "from");
    Path to = completeMar(first, "to");
    csv.append(row(first.platform(), BAD_SHA, from, to, "0".repeat(128)));
    Path outside = work.resolve("outside/" + name + ".complete.mar");
    Files.createDirectories(outside.getParent());
    Files.copy(from, outside, StandardCopyOption.REPLACE_EXISTING);
    csv.append(row(first.platform(), BAD_URL, outside, to, GoldenLocales.sha512(outside)));
    Path hostile = work.resolve("mars/hostile.mar");
    GoldenLocales.hostileMar(hostile);
    csv.append(row(first.platform(), BAD_MAR, hostile, to, GoldenLocales.sha512(hostile)));
    Path file = work.resolve("requests-" + name + ".csv");
    Files.writeString(file, csv.toString());
    return file.toString();
  }

  /** The golden tree of {@code side} plus a platform file and a locale file, as a complete MAR. */
  private Path completeMar(Target t, String side) throws Exception {
    Path mar = work.resolve("mars/" + t.platform() + "-" + t.locale() + "-" + side + ".mar");
    if (Files.exists(mar)) {
      return mar;
    }
    Path tree = work.resolve("trees/" + t.platform() + "/" + t.locale() + "/" + side);
    GoldenLocales.copyTree(GoldenLocales.golden().resolve(side), tree);
    boolean to = side.equals("to");
    Files.createDirectories(tree.resolve("localized"));
    Files.writeString(
        tree.resolve("localized/" + t.locale() + ".properties"), text(t.locale(), to, 7));
    Files.writeString(tree.resolve("platform.ini"), text(t.platform(), to, 5));
    GoldenLocales.completeMar(tree, to ? "2.0" : "1.0", mar);
    return mar;
  }

  /**
   * Lines naming {@code who}, their number and incompressible noise depending on {@code who} so the
   * MARs' sizes differ; the TO side changes every {@code every}-th line.
   */
  private static String text(String who, boolean to, int every) {
    Random noise = new Random(who.hashCode());
    int lines = 500 * (1 + Math.floorMod(who.hashCode(), 5));
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      s.append(who).append(" string ").append(i).append(' ');
      s.append(Long.toHexString(noise.nextLong())).append(to && i % every == 0 ? " v2\n" : "\n");
    }
    return s.toString();
  }

  private static String row(String platform, String locale, Path from, Path to, String fromSha)
      throws IOException {
    return GoldenLocales.requestRow(platform, locale, from, to, fromSha, "current");
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a leftover temporary directory is harmless
    }
  }
}
