/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.GoldenLocales;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.cli.JobsCli;
import org.senbonzakura.jobs.config.ConfigLoader;
import org.senbonzakura.jobs.config.ConfigurationException;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.QueueTable;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * {@code sbz.serve.runner = submit} with the real {@code scripts/submit/local.sh}: each run is the
 * script's own JVM (Spark local mode) on the service's storage root, and the service reads the
 * results back from the shared tables. A run that fails (the script exits with an error, or runs
 * past the timeout and is killed) marks nothing processed: the request stays queued, and the next
 * service on the root finishes it.
 */
class ServeSubmitTest {
  @TempDir Path work;
  private final List<PartialService> services = new ArrayList<>();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private PrintStream stderr;

  @BeforeEach
  void teeStderr() {
    stderr = System.err;
    OutputStream both =
        new OutputStream() {
          @Override
          public void write(int b) {
            stderr.write(b);
            synchronized (log) {
              log.write(b);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) {
            stderr.write(b, off, len);
            synchronized (log) {
              log.write(b, off, len);
            }
          }
        };
    System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() throws Exception {
    for (PartialService s : services) {
      s.close();
    }
    System.setErr(stderr);
  }

  @Test
  void aPostRunsThroughTheSubmitScriptAndAFailedRunLeavesTheBatchQueued() throws Exception {
    Path root = work.resolve("root");
    SparkSession spark = TestSpark.session();

    // 1. a script that fails at once (local.sh refuses a --spark-conf without '='): stays queued
    PartialService bad = start(root, List.of("--spark-conf", "no-equals-sign"), "6h");
    ServeClient client = new ServeClient(bad.port());
    HttpResponse<String> posted = client.post("/partials", ServeClient.body("de", "2.0"));
    assertEquals(202, posted.statusCode(), posted.body());
    String de = ServeClient.json(posted).path("id").asText();
    String error = awaitRunError(client);
    assertTrue(error.contains("local.sh exited with 2"), error);
    assertEquals("queued", ServeClient.json(client.get("/partials/" + de)).path("status").asText());
    assertTrue(logged().contains("sbz serve: submit: local.sh: --spark-conf needs KEY=VALUE"));
    bad.close();
    services.remove(bad);

    // 2. a run past the timeout is killed, and the batch still stays queued
    PartialService slow = start(root, good(), "2s");
    client = new ServeClient(slow.port());
    error = awaitRunError(client);
    assertTrue(error.contains("ran longer than sbz.serve.submit.timeout"), error);
    assertEquals("queued", ServeClient.json(client.get("/partials/" + de)).path("status").asText());
    assertFalse(
        Files.exists(root.resolve(".sbz-serve-submit.pid")), "the killed script is forgotten");
    slow.close();
    services.remove(slow);
    String rootUri = root.toUri().toString();
    assertEquals(
        0,
        DeltaTables.readOrEmpty(spark, rootUri + "tables/results", TableSchemas.RESULTS).count(),
        "no failed run wrote a result");

    // 3. the real script, configured right: the queued request and a new one are done
    PartialService service = start(root, good(), "6h");
    client = new ServeClient(service.port());
    // sbz admin may not run beside the service on its root
    ByteArrayOutputStream adminErr = new ByteArrayOutputStream();
    int status =
        JobsCli.run(
            List.of("admin", "retry", "--failed", "--storage-root", root.toString()),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(adminErr, true, StandardCharsets.UTF_8));
    assertEquals(1, status);
    assertTrue(adminErr.toString(StandardCharsets.UTF_8).contains("another sbz serve is running"));

    JsonNode done = client.awaitTerminal(de, 30);
    assertEquals("done", done.path("status").asText(), done + "\n" + logged());
    String fr =
        ServeClient.json(client.post("/partials", ServeClient.body("fr", "2.0")))
            .path("id")
            .asText();
    assertEquals("done", client.awaitTerminal(fr, 30).path("status").asText(), logged());
    String out = logged();
    assertTrue(out.contains("sbz serve: submit: sbz run "), "the script's summary is logged");
    for (String id : List.of(de, fr)) {
      JsonNode v = ServeClient.json(client.get("/partials/" + id));
      HttpResponse<byte[]> mar = client.bytes("/partials/" + id + "/mar");
      assertEquals(200, mar.statusCode());
      assertEquals(
          v.path("partial").path("hashValue").asText(),
          Digests.hex(Digests.sha512().digest(mar.body())));
      Path file = work.resolve(id + ".mar");
      Files.write(file, mar.body());
      GoldenLocales.assertApplies(
          file,
          GoldenLocales.golden().resolve("from"),
          GoldenLocales.golden().resolve("to"),
          work.resolve("install-" + id),
          id);
    }
    JsonNode list = ServeClient.json(client.get("/partials?status=done"));
    Set<String> listed = new HashSet<>();
    list.path("items").forEach(i -> listed.add(i.path("id").asText()));
    assertEquals(Set.of(de, fr), listed, list.toString());

    // two runs, each the script's (it wrote the runs rows the service's metrics show)
    List<Row> runs =
        DeltaTables.readOrEmpty(spark, rootUri + "tables/runs", TableSchemas.RUNS).collectAsList();
    assertEquals(2, runs.size(), runs.toString());
    for (Row r : runs) {
      assertTrue(out.contains("sbz serve: submit: sbz run " + r.getAs("run_id") + " ("), out);
    }
    List<Row> results =
        DeltaTables.readOrEmpty(spark, rootUri + "tables/results", TableSchemas.RESULTS)
            .collectAsList();
    assertEquals(2, results.size(), results.toString());
    for (Row q :
        DeltaTables.readOrEmpty(spark, rootUri + "tables/queue", QueueTable.SCHEMA)
            .collectAsList()) {
      assertEquals(QueueTable.PROCESSED, q.getAs("state"));
      Set<String> runIds = new HashSet<>();
      runs.forEach(r -> runIds.add(r.getAs("run_id")));
      assertTrue(runIds.contains(q.<String>getAs("run_id")), q.toString());
    }
    assertTrue(client.get("/metrics").body().contains("sbz_run_failures_total 0"));
  }

  @Test
  void theRunnerIsCheckedAndTheScriptGetsTheServicesRootAllowListAndConfig() throws Exception {
    Map<String, Object> flags = new HashMap<>();
    flags.put("sbz.storage-root", work.resolve("r").toString());
    flags.put("sbz.serve.runner", "cluster");
    assertThrows(flags);
    flags.put("sbz.serve.runner", "submit");
    flags.put("sbz.serve.submit.script", "");
    assertThrows(flags);
    flags.put("sbz.serve.submit.script", "scripts/submit/standalone.sh");
    flags.put("sbz.serve.submit.args", List.of("--master", "spark://h:7077"));
    flags.put("sbz.fetch.allow-url-prefixes", List.of("https://a/", "file:/b/"));
    Path conf = work.resolve("my.conf");
    Files.writeString(conf, "sbz {}\n");
    ServeSettings s = ServeSettings.from(ConfigLoader.resolve(null, flags), conf.toString());
    JobConfig job = ConfigLoader.load(null, flags);
    SubmitLauncher l = new SubmitLauncher(TestSpark.session(), job, s.submit());
    assertEquals(
        List.of(
            "scripts/submit/standalone.sh",
            "--requests",
            "file:/x.json",
            "--storage-root",
            job.storageRoot,
            "--allow-url-prefix",
            "https://a/",
            "--allow-url-prefix",
            "file:/b/",
            "--conf",
            conf.toString(),
            "--master",
            "spark://h:7077"),
        l.command("file:/x.json"));
    assertEquals(
        "20261206T031500Z-0a1b2c3d",
        SubmitLauncher.runId("sbz run 20261206T031500Z-0a1b2c3d (sbz-1.0/x)"));
    assertEquals(null, SubmitLauncher.runId("  requests        1: 1 done, 0 reused, 0 failed"));
  }

  private static void assertThrows(Map<String, Object> flags) {
    org.junit.jupiter.api.Assertions.assertThrows(
        ConfigurationException.class, () -> ServeSettings.from(ConfigLoader.resolve(null, flags)));
  }

  /** Options that make local.sh's JVM small and quiet on the shared test machine. */
  private static List<String> good() {
    return List.of(
        "--spark-conf", "sbz.spark.master=local[2]",
        "--spark-conf", "sbz.parallelism=2",
        "--spark-conf", "spark.ui.enabled=false",
        "--spark-conf", "spark.ui.showConsoleProgress=false",
        "--spark-conf", "spark.sql.shuffle.partitions=2",
        "--spark-conf", "spark.databricks.delta.snapshotPartitions=2");
  }

  private PartialService start(Path root, List<String> args, String timeout) throws Exception {
    Map<String, Object> flags = new HashMap<>();
    flags.put("sbz.fetch.allow-url-prefixes", List.of(GoldenLocales.golden().toUri().toString()));
    JobConfig config = TestSpark.config(root, flags);
    Map<String, Object> serve = new HashMap<>(flags);
    serve.put("sbz.storage-root", root.toString());
    serve.put("sbz.serve.port", 0);
    serve.put("sbz.serve.batch-delay", "300ms");
    serve.put("sbz.serve.retry-delay", "1h"); // one attempt per service: the test restarts it
    serve.put("sbz.serve.runner", "submit");
    serve.put(
        "sbz.serve.submit.script",
        Path.of(System.getProperty("sbz.repo"), "scripts", "submit", "local.sh").toString());
    serve.put("sbz.serve.submit.args", args);
    serve.put("sbz.serve.submit.timeout", timeout);
    serve.put(
        "sbz.serve.submit.env.SBZ_CLASSPATH",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    serve.put("sbz.serve.submit.env.SBZ_HEAP", "-Xmx1g");
    ServeSettings settings = ServeSettings.from(ConfigLoader.resolve(null, serve));
    PartialService s = new PartialService(TestSpark.session(), config, settings).start();
    services.add(s);
    return s;
  }

  /** Waits for the first failed run's one-line error in /healthz. */
  private String awaitRunError(ServeClient client) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      String e = ServeClient.json(client.get("/healthz")).path("last_run_error").asText();
      if (!e.isEmpty()) {
        return e;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no run failed: " + logged());
  }

  private String logged() {
    synchronized (log) {
      return log.toString(StandardCharsets.UTF_8);
    }
  }
}
