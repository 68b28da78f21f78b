/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * Delta tables with the pipeline's real schemas ({@link TableSchemas}) and realistic rows: three
 * runs over two platforms and four locales, with done, reused and failed requests (one failure
 * carries markup in its error text, to prove the report escapes it). Written once per storage root.
 */
public final class FixtureTables {
  public static final List<String> PLATFORMS = List.of("linux-x86_64", "win64");
  public static final List<String> LOCALES = List.of("de", "en-US", "fr", "ja");
  public static final String TO = "153.7.0esr";
  public static final List<String> FROMS = List.of("153.5.1esr", "140.12.0esr");
  public static final String HOSTILE_ERROR =
      "hostile MAR: entry name <script>alert(\"x\")</script> & ../escape rejected";

  /** The expected shape of what {@link #write} made. */
  public record Made(JobConfig config, int runs, int finishedWithSize, int failed) {}

  private static Made shared;

  private FixtureTables() {}

  /**
   * The tables written once per JVM (under a temporary root deleted at exit), for the tests that
   * only read them: saves writing five Delta tables per test class on a 2-core CI machine.
   */
  public static synchronized Made shared(SparkSession spark) throws Exception {
    if (shared == null) {
      Path root = java.nio.file.Files.createTempDirectory("sbz-fixture");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
      shared = write(spark, root);
    }
    return shared;
  }

  private static void deleteTree(Path root) {
    try (var files = java.nio.file.Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // best effort: a leftover temporary directory is harmless
    }
  }

  public static Made write(SparkSession spark, Path root) throws Exception {
    JobConfig c = TestSpark.config(root, Map.of());
    List<Row> results = new ArrayList<>();
    List<Row> mars = new ArrayList<>();
    List<Row> marFiles = new ArrayList<>();
    List<Row> cache = new ArrayList<>();
    Instant t0 = Instant.parse("2026-11-20T02:00:00Z");
    String[] runIds = {"run-20261120-a1b2c3d4", "run-20261121-e5f6a7b8", "run-20261122-c9d0e1f2"};
    int finished = 0;
    int failed = 0;
    int seq = 0;
    for (String platform : PLATFORMS) {
      for (String locale : LOCALES) {
        long toSize = complete(platform, locale, TO);
        String toSha = sha512(platform + locale + TO);
        mars.add(mar(toSha, toSize, TO, runIds[0]));
        for (int f = 0; f < FROMS.size(); f++) {
          String from = FROMS.get(f);
          String fromSha = sha512(platform + locale + from);
          if (platform.equals(PLATFORMS.get(0)) || f == 0) {
            mars.add(mar(fromSha, complete(platform, locale, from), from, runIds[0]));
          }
          int run = seq++ % 3;
          String status;
          String error = null;
          if (platform.equals("win64") && locale.equals("ja") && f == 0) {
            status = "failed";
            error = "to_sha512 mismatch: expected " + toSha.substring(0, 16) + "..., got 0f1e...";
          } else if (platform.equals("win64") && f == 1) {
            status = "failed";
            error = locale.equals("de") ? HOSTILE_ERROR : "from_url: URL not in allow-list";
          } else {
            status = run == 2 ? "reused" : "done";
          }
          boolean ok = !status.equals("failed");
          long partial = ok ? toSize / (f == 0 ? 9 : 3) + 1000L * locale.length() : 0;
          if (ok) {
            finished++;
          } else {
            failed++;
          }
          String id = sha512(platform + locale + from + TO).substring(0, 32);
          results.add(
              RowFactory.create(
                  id,
                  "firefox",
                  platform,
                  locale,
                  from,
                  TO,
                  "esr",
                  "current",
                  fromSha,
                  toSha,
                  status,
                  error,
                  ok
                      ? c.partialsDir
                          + "/firefox/"
                          + platform
                          + "/"
                          + locale
                          + "/"
                          + from
                          + "-"
                          + TO
                          + ".partial.mar"
                      : null,
                  ok ? partial : null,
                  ok ? sha512("partial" + id) : null,
                  ok ? "20261001" + (10 + f) : null,
                  ok ? "20261115120000" : null,
                  ok ? 180 + 40 * f : null,
                  ok ? 12 : null,
                  ok ? 3 + f : null,
                  ok ? (run == 0 ? 0 : 2) : 0,
                  ok ? (run == 0 ? 2 : 0) : 0,
                  ok ? (run == 0 ? 40 : 190 + f) : 0,
                  ok ? (run == 0 ? 160 + f : 5) : 0,
                  4000L + 100 * run,
                  9000L + 7 * seq,
                  20000L + 1000L * f,
                  3000L + seq,
                  runIds[run],
                  "sbz-0.1.0/mbdiff-1",
                  Timestamp.from(t0.plusSeconds(86400L * run + 60L * seq))));
        }
      }
    }
    for (int i = 0; i < 12; i++) {
      String old = sha256("old" + i);
      String neu = sha256("new" + i);
      boolean full = i % 5 == 4;
      cache.add(
          RowFactory.create(
              old,
              neu,
              "mbdiff-1",
              full ? "full" : "patch",
              full ? null : c.patchesDir + "/" + old + "-" + neu + ".patch",
              full ? null : 1000L + 37L * i,
              8000L + 512L * i,
              20000L + 1000L * i,
              21000L + 900L * i,
              50L + 13L * i,
              runIds[i % 2]));
      marFiles.add(
          RowFactory.create(
              sha512("linux-x86_64de" + TO),
              "browser/file" + i,
              0644,
              21000L + 900L * i,
              neu,
              sha256("entry-new" + i),
              9000L + 400L * i,
              "xz"));
      marFiles.add(
          RowFactory.create(
              sha512("linux-x86_64de" + FROMS.get(0)),
              "browser/file" + i,
              0644,
              20000L + 1000L * i,
              old,
              sha256("entry-old" + i),
              8800L + 450L * i,
              "xz"));
    }
    mars.add(
        RowFactory.create(
            sha512("hostile"), "failed", HOSTILE_ERROR, 4096L, null, null, null, null, runIds[1]));
    List<Row> runs = new ArrayList<>();
    long[] requests = {6, 5, 5};
    for (int r = 0; r < 3; r++) {
      long done = 0;
      long reused = 0;
      long fail = 0;
      for (Row row : results) {
        if (row.getString(28).equals(runIds[r])) {
          switch (row.getString(10)) {
            case "done" -> done++;
            case "reused" -> reused++;
            default -> fail++;
          }
        }
      }
      requests[r] = done + reused + fail;
      long distinctMars = 8L + 2 * r;
      long fetched = r == 0 ? distinctMars : 2L;
      long distinctPairs = 1000L - 200L * r;
      long hits = r == 0 ? 0L : distinctPairs * (5 + 2 * r) / 10;
      runs.add(
          RowFactory.create(
              runIds[r],
              Timestamp.from(t0.plusSeconds(86400L * r)),
              95000L - 30000L * r,
              requests[r],
              done,
              reused,
              fail,
              distinctMars,
              fetched,
              2900L - 200L * r,
              1400L - 300L * r,
              distinctPairs,
              hits,
              distinctPairs - hits,
              r == 0 ? 1L : 0L,
              (double) (distinctMars - fetched) / distinctMars,
              (double) hits / distinctPairs,
              30000L - 9000L * r,
              12000L - 3000L * r,
              4000L,
              41000L - 15000L * r,
              8000L - 2000L * r,
              "sbz-0.1.0/mbdiff-1"));
    }
    save(spark, runs, TableSchemas.RUNS, c.runsTable);
    save(spark, results, TableSchemas.RESULTS, c.resultsTable);
    save(spark, mars, TableSchemas.MARS, c.marsTable);
    save(spark, marFiles, TableSchemas.MAR_FILES, c.marFilesTable);
    save(spark, cache, TableSchemas.PATCH_CACHE, c.patchCacheTable);
    return new Made(c, 3, finished, failed);
  }

  private static Row mar(String sha, long size, String version, String run) {
    return RowFactory.create(
        sha,
        "ok",
        null,
        size,
        version,
        "firefox-mozilla-esr",
        "2026111512" + version.length(),
        2900 + version.length(),
        run);
  }

  private static long complete(String platform, String locale, String version) {
    long base = platform.startsWith("win") ? 62_000_000L : 78_000_000L;
    return base + 350_000L * locale.length() + 1_000_000L * version.length();
  }

  private static void save(SparkSession spark, List<Row> rows, StructType schema, String path) {
    spark.createDataFrame(rows, schema).write().format("delta").mode("overwrite").save(path);
  }

  static String sha512(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-512").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  static String sha256(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
