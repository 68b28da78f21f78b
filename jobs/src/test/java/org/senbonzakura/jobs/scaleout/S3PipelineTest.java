/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.pipeline.Pipeline;
import org.senbonzakura.jobs.pipeline.RunStats;
import org.senbonzakura.jobs.tables.KernelTableReader;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * The whole pipeline with its storage root and every Delta table on {@code s3a://} (S3Proxy on
 * loopback, local[2]): the locales workload of the pipeline test, each partial applied to its FROM
 * tree, and the tables checked for duplicate keys. A second run loses the S3 server in the middle
 * of its diff stage and must complete once the server is back.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class S3PipelineTest {
  private static final String BUCKET = "sbz-pipeline";
  private static final List<String> LOCALES = List.of("de", "fr", "ja", "it");
  private static S3ProxyServer s3;
  private static SparkSession spark;
  private static Path work;
  private static LocaleWorkload workload;

  @BeforeAll
  static void start() throws Exception {
    work = BuiltClasspath.workDir("s3-pipeline");
    s3 = S3ProxyServer.start(work.resolve("s3"));
    s3.createBucket(BUCKET);
    spark = ScaleoutSessions.localWithDelta("s3-pipeline");
    ScaleoutSessions.applyHadoop(
        spark, S3aSettings.hadoop(s3, BUCKET, S3aSettings.RetryBudget.patient()));
    workload = new LocaleWorkload(work.resolve("workload"), 400);
  }

  @AfterAll
  static void stop() {
    ScaleoutSessions.stop(spark);
    if (s3 != null) {
      s3.close();
    }
  }

  private static JobConfig config(String prefix) throws Exception {
    return TestSpark.config(
        work.resolve("unused-local-root"),
        Map.of(
            "sbz.storage-root",
            "s3a://" + BUCKET + "/" + prefix,
            "sbz.fetch.allow-url-prefixes",
            List.of(workload.marsUrlPrefix())));
  }

  @Test
  void theWholePipelineRunsWithStorageAndTablesOnS3() throws Exception {
    JobConfig config = config("store");
    assertTrue(config.resultsTable.startsWith("s3a://"), config.resultsTable);
    RunStats stats =
        new Pipeline(spark, config)
            .run(workload.requests("requests-s3", LOCALES).toString(), "auto");
    assertEquals(LOCALES.size(), stats.done, stats.summary());
    assertEquals(0, stats.failed, stats.summary());

    Map<String, Row> results = LocaleWorkload.resultsByLocale(spark, config.resultsTable);
    assertEquals(LOCALES.stream().sorted().toList(), List.copyOf(results.keySet()));
    workload.assertEveryPartialApplies(
        results, LOCALES, spark.sparkContext().hadoopConfiguration());
    workload.assertPatchCacheExact(spark, config.patchCacheTable, LOCALES);
    LocaleWorkload.assertKeysUnique(spark, config.marFilesTable, TableSchemas.MAR_FILES_KEYS);
    assertEquals(
        2L * LOCALES.size(),
        LocaleWorkload.assertKeysUnique(spark, config.marsTable, TableSchemas.MARS_KEYS));

    // the objects really are in the S3 server's store, not on a local shortcut
    for (String table : List.of("results", "patch_cache", "mar_files", "mars", "runs")) {
      assertTrue(
          Files.isRegularFile(
              s3.objectFile(
                  BUCKET, "store/tables/" + table + "/_delta_log/00000000000000000000.json")),
          table + " has its Delta log on S3");
    }
    for (Row r : results.values()) {
      String key = r.<String>getAs("partial_path").replaceFirst("^s3a://" + BUCKET + "/", "");
      assertTrue(Files.isRegularFile(s3.objectFile(BUCKET, key)), key);
    }
    // sbz results reads the same table on S3 with Delta Kernel, through the session's S3A settings
    KernelTableReader.Rows kernel =
        new KernelTableReader(spark.sparkContext().hadoopConfiguration())
            .read(config.resultsTable, List.of());
    int locale = kernel.index("locale");
    int path = kernel.index("partial_path");
    assertEquals(
        results.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getAs("partial_path"))),
        kernel.rows().stream().collect(Collectors.toMap(r -> r.get(locale), r -> r.get(path))));
    assertTrue(countFiles(s3.objectFile(BUCKET, "store/patches")) >= stats.diffsComputed);
  }

  @Test
  void aRunSurvivesAnS3OutageInItsDiffStage() throws Exception {
    JobConfig config = config("outage-store");
    String requests = workload.requests("requests-outage", LOCALES).toString();
    TaskEventRecorder events = new TaskEventRecorder(TaskEventRecorder.pipelineDiffStage());
    spark.sparkContext().addSparkListener(events);
    boolean doneDuringOutage;
    RunStats stats;
    try {
      CompletableFuture<RunStats> run =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new Pipeline(spark, config).run(requests, "auto");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      awaitWatchedTaskOrEnd(events, run);
      s3.stop();
      Thread.sleep(5000);
      doneDuringOutage = run.isDone();
      s3.restart();
      stats = run.get(15, TimeUnit.MINUTES);
    } finally {
      spark.sparkContext().removeSparkListener(events);
      if (!s3.running()) {
        s3.restart();
      }
    }
    assertFalse(doneDuringOutage, "the outage hit the run, not its aftermath: " + events);
    assertEquals(LOCALES.size(), stats.done, stats.summary());
    Map<String, Row> results = LocaleWorkload.resultsByLocale(spark, config.resultsTable);
    workload.assertEveryPartialApplies(
        results, LOCALES, spark.sparkContext().hadoopConfiguration());
    workload.assertPatchCacheExact(spark, config.patchCacheTable, LOCALES);
    LocaleWorkload.assertKeysUnique(spark, config.resultsTable, TableSchemas.RESULTS_KEYS);
  }

  /** Waits until a diff task started; fails early if the run ended or failed before. */
  static void awaitWatchedTaskOrEnd(TaskEventRecorder events, CompletableFuture<?> run)
      throws Exception {
    long deadline = System.currentTimeMillis() + 900_000;
    while (events.watchedStarted.get() == 0) {
      if (run.isDone()) {
        run.get(); // surfaces a failure
        throw new AssertionError("the run ended before its diff stage was seen: " + events);
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("no diff task started in time: " + events);
      }
      Thread.sleep(20);
    }
  }

  private static long countFiles(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }
}
