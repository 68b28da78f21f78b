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
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import scala.Tuple2;

/**
 * Jobs on a real standalone cluster (master and two workers as separate JVMs), including one that
 * loses a worker, and its executor, in the middle of its map stage.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {
  private static final int PARTITIONS = 8;
  private static final int KEYS = 7;
  private static SparkStandaloneCluster cluster;
  private static SparkSession spark;
  private static JavaSparkContext jsc;
  private static Path work;

  @BeforeAll
  static void start() throws Exception {
    cluster = SparkStandaloneCluster.start(work = BuiltClasspath.workDir("standalone"), 2, 2, "1g");
    SparkSession.Builder builder =
        ScaleoutSessions.withDelta(SparkSession.builder().master(cluster.masterUrl()), "cluster");
    cluster.applicationConf().forEach(builder::config);
    spark = builder.getOrCreate();
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    awaitExecutors(2);
  }

  @AfterAll
  static void stop() {
    ScaleoutSessions.stop(spark);
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void runsAShuffleJobOnBothWorkers() {
    List<String> executors =
        jsc.parallelize(numbers(), PARTITIONS)
            .map(n -> SparkEnv.get().executorId())
            .distinct()
            .collect();
    assertEquals(2, executors.size(), "tasks ran on both workers' executors: " + executors);
    assertEquals(expectedSums(), new TreeMap<>(sumsByKey(0).collectAsMap()));
  }

  /**
   * scripts/submit/standalone.sh submits a second application to the running cluster (each worker
   * has two cores: one for this test JVM's application, one for the submitted one). The driver runs
   * from the built classpath through SparkSubmit, as there is no Spark install here.
   */
  @Test
  @Order(2)
  void standaloneSubmitScriptRunsAnApplicationOnTheCluster() throws Exception {
    Path requests = work.resolve("numbers.txt");
    Files.write(requests, numbers().stream().map(String::valueOf).toList());
    Path conf = work.resolve("job.conf");
    Files.writeString(
        conf, "sbz.spark.conf { \"spark.sbz.fromconfig\" = yes, \"spark.sbz.marker\" = config }\n");
    Path storage = work.resolve("storage");
    ProcessBuilder submit =
        new ProcessBuilder(
                "bash",
                Path.of(System.getProperty("sbz.repo"), "scripts/submit/standalone.sh").toString(),
                "--master",
                cluster.masterUrl(),
                "--requests",
                requests.toString(),
                "--storage-root",
                storage.toString(),
                "--conf",
                conf.toString(),
                "--driver-memory",
                "512m",
                "--main-class",
                ClusterSmokeApp.class.getName(),
                "--app-jar",
                "spark-internal",
                "--spark-conf",
                "spark.sbz.marker=cli",
                "--spark-conf",
                "spark.executor.extraClassPath=" + cluster.classpath(),
                "--spark-conf",
                "spark.executor.memory=512m",
                "--spark-conf",
                "spark.cores.max=2",
                "--spark-conf",
                "spark.ui.enabled=false")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("submit.log").toFile());
    submit.environment().put("SBZ_CLASSPATH", cluster.classpath());
    submit.environment().remove("SPARK_HOME");
    Process process = ManagedProcesses.start(submit);
    assertTrue(process.waitFor(4, TimeUnit.MINUTES), "submit finished in time");
    assertEquals(0, process.exitValue(), "standalone.sh exit; see " + work.resolve("submit.log"));
    long expectedSum = 0;
    for (int n : numbers()) {
      expectedSum += (long) n * n;
    }
    List<String> result = Files.readAllLines(storage.resolve("result.txt"));
    assertEquals(
        List.of(
            "sum=" + expectedSum,
            "executors=2",
            "fromConfig=yes",
            "fromCli=cli",
            "confArg=" + conf.toAbsolutePath()),
        result);
  }

  @Test
  @Order(3)
  void rerunsTheTasksOfAWorkerKilledMidStage() throws Exception {
    TaskEventRecorder events = new TaskEventRecorder();
    spark.sparkContext().addSparkListener(events);
    try {
      // each map task takes a second, so the stage is still running when the worker dies
      JavaFutureAction<List<Tuple2<Integer, Long>>> job = sumsByKey(1000).collectAsync();
      events.awaitSucceeded(2, 120_000);
      cluster.killWorker(0);
      Map<Integer, Long> sums = new TreeMap<>();
      for (Tuple2<Integer, Long> t : job.get(4, TimeUnit.MINUTES)) {
        sums.put(t._1(), t._2());
      }
      assertEquals(expectedSums(), sums, "results after losing a worker: " + events);
      assertTrue(events.executorsRemoved.get() >= 1, "the driver saw the executor go: " + events);
      assertTrue(
          events.started.get() > PARTITIONS + 4,
          "lost tasks were launched again (8 map + 4 reduce tasks without a fault): " + events);
    } finally {
      spark.sparkContext().removeSparkListener(events);
    }
  }

  private static JavaPairRDD<Integer, Long> sumsByKey(long sleepMillis) {
    return jsc.parallelize(numbers(), PARTITIONS)
        .mapPartitionsToPair(
            it -> {
              Thread.sleep(sleepMillis);
              List<Tuple2<Integer, Long>> out = new ArrayList<>();
              it.forEachRemaining(n -> out.add(new Tuple2<>(n % KEYS, (long) n * n)));
              return out.iterator();
            })
        .reduceByKey(Long::sum, 4);
  }

  private static List<Integer> numbers() {
    List<Integer> numbers = new ArrayList<>();
    for (int n = 1; n <= 4000; n++) {
      numbers.add(n);
    }
    return numbers;
  }

  private static Map<Integer, Long> expectedSums() {
    Map<Integer, Long> sums = new TreeMap<>();
    for (int n : numbers()) {
      sums.merge(n % KEYS, (long) n * n, Long::sum);
    }
    return sums;
  }

  private static void awaitExecutors(int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 120_000;
    // getExecutorInfos includes the driver
    while (spark.sparkContext().statusTracker().getExecutorInfos().length < count + 1) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("executors did not register with the driver in time");
      }
      Thread.sleep(200);
    }
  }
}
