/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.pipeline.Pipeline;
import org.senbonzakura.jobs.pipeline.RunStats;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * The real job on a Spark standalone cluster (a master and two workers, each its own JVM) with its
 * files on S3 (S3Proxy): submitted through scripts/submit/standalone.sh; run while a worker is
 * killed in the middle of the diff stage; and run twice at the same time by two driver processes
 * with overlapping requests. Every partial is applied to its FROM tree, and the tables are checked
 * for duplicate keys.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPipelineTest {
  private static final String BUCKET = "sbz-cluster";
  private static SparkStandaloneCluster cluster;
  private static S3ProxyServer s3;
  private static SparkSession spark;
  private static Path work;
  private static Map<String, String> s3a;
  private static LocaleWorkload small;

  @BeforeAll
  static void start() throws Exception {
    work = BuiltClasspath.workDir("cluster-pipeline");
    s3 = S3ProxyServer.start(work.resolve("s3"));
    s3.createBucket(BUCKET);
    s3a = S3aSettings.hadoop(s3, BUCKET, S3aSettings.RetryBudget.patient());
    // two cores per worker: one for this JVM's application, one for a submitted driver's
    cluster = SparkStandaloneCluster.start(work.resolve("cluster"), 2, 2, "1200m");
    SparkSession.Builder builder =
        ScaleoutSessions.withDelta(
            SparkSession.builder().master(cluster.masterUrl()), "cluster-pipeline");
    cluster.applicationConf().forEach(builder::config);
    s3a.forEach((k, v) -> builder.config("spark.hadoop." + k, v));
    spark = builder.getOrCreate();
    small = new LocaleWorkload(work.resolve("small"), 400);
  }

  @AfterAll
  static void stop() {
    ScaleoutSessions.stop(spark);
    if (cluster != null) {
      cluster.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  /** The job itself (JobsCli run) submitted by the standalone script, storage root on S3. */
  @Test
  @Order(1)
  void theSubmitScriptRunsTheJobOnTheCluster() throws Exception {
    List<String> locales = List.of("de", "fr", "ja");
    Path requests = small.requests("requests-submit", locales);
    Path conf = jobConf("submit", null);
    Process submit = submit("submit", requests, conf, "s3a://" + BUCKET + "/submit-store");
    assertEquals(0, awaitExit(submit, "submit"), "standalone.sh exit; see submit.log");

    String root = "s3a://" + BUCKET + "/submit-store";
    Map<String, Row> results = LocaleWorkload.resultsByLocale(spark, root + "/tables/results");
    assertEquals(locales.stream().sorted().toList(), List.copyOf(results.keySet()));
    small.assertEveryPartialApplies(results, locales, spark.sparkContext().hadoopConfiguration());
    small.assertPatchCacheExact(spark, root + "/tables/patch_cache", locales);
    String log = Files.readString(work.resolve("submit.log"));
    assertTrue(log.contains("sbz: assemble: 3 partials verified"), "the job's own log: " + log);
  }

  /**
   * A worker, with the executor that runs a diff task, is killed as soon as the diff stage starts.
   * The driver runs in this JVM so that a listener can see the stage. The locale files are about 2
   * MB, so each diff task takes seconds and is still running when its executor dies.
   */
  @Test
  @Order(2)
  void aLostWorkerInTheDiffStageIsRecoveredWithoutDuplicates() throws Exception {
    LocaleWorkload big = new LocaleWorkload(work.resolve("big"), 100_000);
    List<String> locales = List.of("de", "fr");
    String requests = big.requests("requests-kill", locales).toString();
    JobConfig config =
        TestSpark.config(
            work.resolve("unused"),
            Map.of(
                "sbz.storage-root",
                "s3a://" + BUCKET + "/kill-store",
                "sbz.fetch.allow-url-prefixes",
                List.of(big.marsUrlPrefix())));
    TaskEventRecorder events = new TaskEventRecorder(TaskEventRecorder.pipelineDiffStage());
    spark.sparkContext().addSparkListener(events);
    RunStats stats;
    int killed;
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
      S3PipelineTest.awaitWatchedTaskOrEnd(events, run);
      String executor = events.awaitWatchedTask(1000);
      killed = cluster.workerOfExecutor(spark.sparkContext().applicationId(), executor);
      assertTrue(killed >= 0, "executor " + executor + " runs on one of the workers");
      boolean doneBeforeKill = run.isDone();
      cluster.killWorker(killed);
      assertFalse(doneBeforeKill, "the kill hit the run");
      stats = run.get(20, TimeUnit.MINUTES);
    } finally {
      spark.sparkContext().removeSparkListener(events);
    }
    System.out.println("lost worker during the diff stage: " + events + "; " + stats.summary());
    assertTrue(events.executorsRemoved.get() >= 1, "the driver saw the executor go: " + events);
    assertTrue(
        events.watchedFailed.get() >= 1 || events.watchedSubmissions.get() >= 2,
        "a diff task was lost and run again: " + events);
    assertEquals(locales.size(), stats.done, stats.summary());
    Map<String, Row> results = LocaleWorkload.resultsByLocale(spark, config.resultsTable);
    big.assertEveryPartialApplies(results, locales, spark.sparkContext().hadoopConfiguration());
    big.assertPatchCacheExact(spark, config.patchCacheTable, locales);
    LocaleWorkload.assertKeysUnique(spark, config.resultsTable, TableSchemas.RESULTS_KEYS);
    cluster.restartWorker(killed);
  }

  /**
   * Two drivers (two standalone.sh processes) run overlapping requests at once. Their files go to
   * S3; their Delta tables go to a shared file system, whose atomic rename makes concurrent Delta
   * commits safe (plain S3 is single-writer per table: docs/operations.md). Both MERGE the same
   * pairs into the patch cache; the loser of each commit race re-runs its MERGE. Both also create
   * the shared tables with their first MERGE, often at the same instant (the race that
   * ConcurrentMergeTest#twoApplicationsCreateTheSameNewTablesAtOnce narrows down).
   */
  @Test
  @Order(3)
  void twoConcurrentRunsWithOverlappingRequestsBothFinish() throws Exception {
    List<String> localesA = List.of("de", "fr", "ja");
    List<String> localesB = List.of("fr", "ja", "it");
    Path tables = work.resolve("shared-tables");
    Path confA = jobConf("concurrent-a", tables);
    Path confB = jobConf("concurrent-b", tables);
    String root = "s3a://" + BUCKET + "/concurrent-store";
    Process a = submit("run-a", small.requests("requests-a", localesA), confA, root);
    Process b = submit("run-b", small.requests("requests-b", localesB), confB, root);
    int exitA = awaitExit(a, "run-a");
    int exitB = awaitExit(b, "run-b");
    assertEquals(0, exitA, "run A; see run-a.log");
    assertEquals(0, exitB, "run B; see run-b.log");

    Set<String> all = new HashSet<>(localesA);
    all.addAll(localesB);
    List<String> locales = all.stream().sorted().toList();
    String resultsTable = tables.resolve("results").toUri().toString();
    Map<String, Row> results = LocaleWorkload.resultsByLocale(spark, resultsTable);
    assertEquals(locales, List.copyOf(results.keySet()));
    small.assertEveryPartialApplies(results, locales, spark.sparkContext().hadoopConfiguration());
    small.assertPatchCacheExact(spark, tables.resolve("patch_cache").toUri().toString(), locales);
    LocaleWorkload.assertKeysUnique(spark, resultsTable, TableSchemas.RESULTS_KEYS);
    LocaleWorkload.assertKeysUnique(
        spark, tables.resolve("mar_files").toUri().toString(), TableSchemas.MAR_FILES_KEYS);
    assertEquals(
        2L,
        LocaleWorkload.assertKeysUnique(
            spark, tables.resolve("runs").toUri().toString(), TableSchemas.RUNS_KEYS),
        "both runs recorded");
  }

  /** A job config file: few partitions, and optionally every table under {@code tables}. */
  private static Path jobConf(String name, Path tables) throws Exception {
    StringBuilder conf = new StringBuilder();
    conf.append("sbz.parallelism = 2\n");
    conf.append("sbz.fetch.attempts = 2\nsbz.fetch.backoff = 10ms\n");
    conf.append("sbz.spark.conf {\n");
    conf.append("  \"spark.sql.shuffle.partitions\" = \"2\"\n");
    conf.append("  \"spark.default.parallelism\" = \"2\"\n");
    conf.append("  \"spark.databricks.delta.snapshotPartitions\" = \"2\"\n");
    conf.append("  \"spark.ui.enabled\" = \"false\"\n");
    conf.append("  \"spark.ui.showConsoleProgress\" = \"false\"\n");
    conf.append("}\n");
    if (tables != null) {
      for (String[] t :
          List.of(
              new String[] {"results", "results"},
              new String[] {"runs", "runs"},
              new String[] {"patch-cache", "patch_cache"},
              new String[] {"mar-files", "mar_files"},
              new String[] {"mars", "mars"})) {
        conf.append("sbz.tables.")
            .append(t[0])
            .append(" = \"")
            .append(tables.resolve(t[1]).toUri())
            .append("\"\n");
      }
    }
    Path file = work.resolve(name + ".conf");
    Files.writeString(file, conf.toString());
    return file;
  }

  /** Starts scripts/submit/standalone.sh for the real job (JobsCli run) against the cluster. */
  private static Process submit(String name, Path requests, Path conf, String storageRoot)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "bash",
                Path.of(System.getProperty("sbz.repo"), "scripts/submit/standalone.sh").toString(),
                "--master",
                cluster.masterUrl(),
                "--requests",
                requests.toString(),
                "--storage-root",
                storageRoot,
                "--conf",
                conf.toString(),
                "--allow-url-prefix",
                small.marsUrlPrefix(),
                "--driver-memory",
                "640m",
                "--executor-memory",
                "512m",
                "--app-jar",
                "spark-internal",
                "--total-executor-cores",
                "1",
                "--spark-conf",
                "spark.executor.extraClassPath=" + cluster.classpath(),
                "--spark-conf",
                "spark.driver.host=" + LoopbackPorts.HOST,
                "--spark-conf",
                "spark.driver.bindAddress=" + LoopbackPorts.HOST));
    for (Map.Entry<String, String> e : s3a.entrySet()) {
      command.add("--spark-conf");
      command.add("spark.hadoop." + e.getKey() + "=" + e.getValue());
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(name + ".log").toFile());
    builder.environment().put("SBZ_CLASSPATH", cluster.classpath());
    builder.environment().put("SBZ_DEBUG", "1"); // a driver that fails prints its stack trace
    builder.environment().remove("SPARK_HOME");
    return ManagedProcesses.start(builder);
  }

  private static int awaitExit(Process process, String name) throws Exception {
    if (!process.waitFor(20, TimeUnit.MINUTES)) {
      ManagedProcesses.kill(process);
      throw new AssertionError(
          name + " did not finish in time; see " + work.resolve(name + ".log"));
    }
    return process.exitValue();
  }
}
