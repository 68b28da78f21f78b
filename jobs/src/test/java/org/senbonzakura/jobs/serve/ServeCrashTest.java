/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.ChildJvm;
import org.senbonzakura.jobs.GoldenLocales;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.QueueTable;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * The service in its own JVM ({@code JobsCli serve}), killed with SIGKILL while a run is going on
 * and started again on the same storage root: every request it had accepted finishes, with one
 * results row and one queue row each, and the partials apply.
 */
class ServeCrashTest {
  @TempDir Path work;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void reap() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void killedDuringARunAndRestartedFinishesEveryQueuedRequestOnce() throws Exception {
    Path root = work.resolve("root");
    int port = freePort();
    Process first = serve(root, port, work.resolve("first.log"));
    awaitListening(port, first, work.resolve("first.log"));
    ServeClient client = new ServeClient(port);
    List<String> ids = new ArrayList<>();
    for (String locale : List.of("de", "fr", "ja")) {
      var r = client.post("/partials", ServeClient.body(locale, "2.0"));
      assertEquals(202, r.statusCode(), r.body());
      ids.add(ServeClient.json(r).path("id").asText());
    }
    // kill -9 as soon as a run is under way (past reading its requests)
    Map<String, String> atKill = new HashMap<>();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    boolean running = false;
    while (!running) {
      assertTrue(
          System.nanoTime() < deadline,
          "no run started: " + Files.readString(work.resolve("first.log")));
      Thread.sleep(200);
      for (String id : ids) {
        JsonNode v = ServeClient.json(client.get("/partials/" + id));
        atKill.put(id, v.path("status").asText() + "/" + v.path("phase").asText());
        running |=
            v.path("status").asText().equals("running")
                && !v.path("phase").asText().equals("requests");
      }
    }
    first.destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertTrue(first.waitFor(60, TimeUnit.SECONDS));
    assertEquals(137, first.exitValue());
    assertTrue(atKill.values().stream().anyMatch(s -> s.startsWith("running")), atKill.toString());

    Process second = serve(root, port, work.resolve("second.log"));
    awaitListening(port, second, work.resolve("second.log"));
    for (String id : ids) {
      JsonNode v = client.awaitTerminal(id, 30);
      assertEquals(
          "done",
          v.path("status").asText(),
          v + "\n" + Files.readString(work.resolve("second.log")));
      byte[] mar = client.bytes("/partials/" + id + "/mar").body();
      Path file = work.resolve(id + ".mar");
      Files.write(file, mar);
      GoldenLocales.assertApplies(
          file,
          GoldenLocales.golden().resolve("from"),
          GoldenLocales.golden().resolve("to"),
          work.resolve("install-" + id),
          id);
    }
    second.destroy();
    assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the service stops on SIGTERM");

    SparkSession spark = TestSpark.session();
    String rootUri = root.toUri().toString();
    List<Row> results =
        DeltaTables.readOrEmpty(spark, rootUri + "tables/results", TableSchemas.RESULTS)
            .collectAsList();
    List<Row> queue =
        DeltaTables.readOrEmpty(spark, rootUri + "tables/queue", QueueTable.SCHEMA).collectAsList();
    assertEquals(ids.size(), results.size(), "one results row per request: " + results);
    assertEquals(ids.size(), queue.size(), "one queue row per request: " + queue);
    for (Row r : queue) {
      assertTrue(ids.contains(r.<String>getAs("request_id")));
      assertEquals(QueueTable.PROCESSED, r.getAs("state"));
    }
    for (Row r : results) {
      assertTrue(ids.contains(r.<String>getAs("request_id")));
    }
  }

  private Process serve(Path root, int port, Path log) throws IOException {
    Process p =
        ChildJvm.start(
            ChildJvm.jobsCli(
                List.of("-Dsbz.parallelism=2", "-Dsbz.serve.batch-delay=3s"),
                List.of(
                    "serve",
                    "--storage-root",
                    root.toString(),
                    "--port",
                    Integer.toString(port),
                    "--allow-url-prefix",
                    GoldenLocales.golden().toUri().toString())),
            log);
    started.add(p);
    return p;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void awaitListening(int port, Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("the service did not listen: " + Files.readString(log), e);
        }
        Thread.sleep(200);
      }
    }
  }
}
