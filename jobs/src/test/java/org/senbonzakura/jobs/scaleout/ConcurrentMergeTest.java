/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two Spark applications (separate JVMs) MERGE overlapping key ranges into one Delta table at the
 * same time, each through {@link org.senbonzakura.jobs.storage.retry.DeltaMergeRetry}. Delta's
 * optimistic concurrency makes a losing commit throw instead of corrupting the log; the retry runs
 * the idempotent MERGE again on the new snapshot. Both must finish and every key must be present
 * exactly once with its value. On the local table the race is forced (the {@code forced} mode of
 * {@link ConcurrentMergeApp}), so the retry must have run: without it the losing app would fail.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class ConcurrentMergeTest {
  private static final long A_FROM = 0;
  private static final long A_TO = 60;
  private static final long B_FROM = 30;
  private static final long B_TO = 90;
  private static SparkSession spark;
  private static Path work;

  @BeforeAll
  static void start() throws Exception {
    work = BuiltClasspath.workDir("concurrent-merge");
    spark = ScaleoutSessions.localWithDelta("concurrent-merge");
  }

  @AfterAll
  static void stop() {
    ScaleoutSessions.stop(spark);
  }

  @Test
  void twoApplicationsMergeOverlappingKeysIntoALocalTable() throws Exception {
    String table = work.resolve("local-table").toUri().toString();
    createEmptyTable(table);

    Outcomes outcomes = race("local", table, 2, "forced", List.of());
    assertEachKeyOnce(table, A_FROM, B_TO);
    assertTrue(
        outcomes.conflictsA() > 0,
        "A's first MERGE was made to lose the race and be retried: " + outcomes);
  }

  /**
   * Two runs that share a table directory which holds no table yet both create it with their first
   * MERGE, at the same instant. Each of the rounds starts both MERGEs at a barrier, on a new table
   * each time. Both must finish every round, and each table must hold every key once: the create
   * that loses must find the winner's table, not fail, and not commit a second version 0.
   */
  @Test
  void twoApplicationsCreateTheSameNewTablesAtOnce() throws Exception {
    String base = work.resolve("created-tables").toUri().toString();
    int rounds = 6;
    race("create", base, rounds, "create", List.of());
    for (int r = 0; r < rounds; r++) {
      assertEachKeyOnce(base + "/t" + r, A_FROM, B_TO);
    }
  }

  /**
   * The same race with the table on S3 (S3Proxy) and Delta's default S3SingleDriverLogStore, which
   * excludes concurrent commits only inside one driver JVM. It usually passes, because the window
   * between "version N absent" and "version N written" is short; when two commits hit it, one is
   * silently lost and the key check fails. That is the single-writer caveat of docs/operations.md,
   * so this is a demonstration whose outcome is chance, not a test: the build leaves the "demo" tag
   * out (it is never discovered, so never reported as skipped); run it with {@code
   * -Dsbz.test.excludedGroups=none}.
   */
  @Test
  @Tag("demo")
  void twoApplicationsMergeOverlappingKeysIntoAnS3Table() throws Exception {
    String bucket = "sbz-concurrent";
    try (S3ProxyServer s3 = S3ProxyServer.start(work.resolve("s3"))) {
      s3.createBucket(bucket);
      Map<String, String> hadoop =
          S3aSettings.hadoop(s3, bucket, S3aSettings.RetryBudget.patient());
      ScaleoutSessions.applyHadoop(spark, hadoop);
      List<String> props = new ArrayList<>();
      hadoop.forEach((k, v) -> props.add("-Dspark.hadoop." + k + "=" + v));
      String table = "s3a://" + bucket + "/tables/race";
      createEmptyTable(table);

      race("s3", table, 2, "retry", props);
      assertEachKeyOnce(table, A_FROM, B_TO);
    }
  }

  private static void createEmptyTable(String table) {
    StructType schema =
        new StructType()
            .add("k", DataTypes.LongType)
            .add("v", DataTypes.StringType)
            .add("writer", DataTypes.LongType);
    spark.createDataFrame(new ArrayList<Row>(), schema).write().format("delta").save(table);
  }

  static void assertEachKeyOnce(String table, long from, long to) {
    Map<Long, Integer> counts = new TreeMap<>();
    Map<Long, String> values = new TreeMap<>();
    for (Row row : spark.read().format("delta").load(table).collectAsList()) {
      counts.merge(row.getLong(0), 1, Integer::sum);
      values.put(row.getLong(0), row.getString(1));
    }
    Map<Long, Integer> once = new TreeMap<>();
    Map<Long, String> expected = new TreeMap<>();
    for (long k = from; k < to; k++) {
      once.put(k, 1);
      expected.put(k, "v" + k);
    }
    assertEquals(once, counts, "every key exactly once");
    assertEquals(expected, values);
  }

  /** The two applications' result lines and the conflicts each retried. */
  record Outcomes(String a, String b) {
    int conflictsA() {
      return conflicts(a);
    }

    private static int conflicts(String outcome) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("conflicts=(\\d+)").matcher(outcome);
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
  }

  /**
   * Starts application A (keys A_FROM..A_TO) and B (B_FROM..B_TO) on {@code table}, lets them go at
   * once, and asserts that both report success.
   */
  private static Outcomes race(
      String tag, String table, int rounds, String mode, List<String> sparkProps) throws Exception {
    Path go = work.resolve("go-" + tag);
    Path resultA = work.resolve("a-" + tag + ".txt");
    Path resultB = work.resolve("b-" + tag + ".txt");
    Process a = startApp(table, A_FROM, A_TO, rounds, go, resultA, sparkProps, mode);
    Process b = startApp(table, B_FROM, B_TO, rounds, go, resultB, sparkProps, mode);
    Files.createFile(go);
    String outcomeA = awaitResult(a, resultA);
    String outcomeB = awaitResult(b, resultB);
    System.out.println("concurrent " + tag + ": A " + outcomeA + ", B " + outcomeB);
    assertTrue(outcomeA.startsWith("ok"), "A: " + outcomeA);
    assertTrue(outcomeB.startsWith("ok"), "B: " + outcomeB);
    return new Outcomes(outcomeA, outcomeB);
  }

  static Process startApp(
      String table,
      long from,
      long to,
      int rounds,
      Path go,
      Path result,
      List<String> sparkProps,
      String mode)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ManagedProcesses.javaCommand());
    command.add("-Xmx768m");
    // short-lived JVMs on a busy 2-core machine: C1 only and the serial collector start fastest
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.addAll(List.of(SparkStandaloneCluster.JAVA_OPENS.split(" ")));
    command.addAll(sparkProps);
    command.add("-cp");
    command.add(BuiltClasspath.jobsClasspath());
    command.add(ConcurrentMergeApp.class.getName());
    command.addAll(
        List.of(
            table,
            Long.toString(from),
            Long.toString(to),
            Integer.toString(rounds),
            go.toString(),
            result.toString(),
            mode));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(result.resolveSibling(result.getFileName() + ".log").toFile());
    return ManagedProcesses.start(builder);
  }

  static String awaitResult(Process app, Path result) throws Exception {
    if (!app.waitFor(15, TimeUnit.MINUTES)) {
      ManagedProcesses.kill(app);
      return "failed: timed out";
    }
    return Files.exists(result)
        ? Files.readString(result)
        : "failed: exit " + app.exitValue() + " without a result; see " + result + ".log";
  }
}
