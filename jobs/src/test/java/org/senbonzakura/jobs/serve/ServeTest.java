/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.senbonzakura.jobs.GoldenLocales;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.ConfigLoader;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.QueueTable;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * The real service on a free loopback port, on the tests' SparkSession (Spark local, real Delta
 * tables), driven with the JDK's HttpClient. One service for the class: the tests run in order and
 * share its storage root, so the whole class costs three or four pipeline runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeTest {
  static final String TOKEN = "test-admin-token-0123456789";
  static Path work;
  static JobConfig config;
  static SparkSession spark;
  static PartialService service;
  static ServeClient client;
  static String deId;

  @BeforeAll
  static void start() throws Exception {
    work = Files.createTempDirectory("sbz-serve-test-");
    Path root = work.resolve("root");
    Map<String, Object> flags = new HashMap<>();
    // only the golden directory is allowed: the test's other files are outside the allow-list
    flags.put("sbz.fetch.allow-url-prefixes", List.of(GoldenLocales.golden().toUri().toString()));
    config = TestSpark.config(root, flags);
    Map<String, Object> serve = new HashMap<>(flags);
    serve.put("sbz.storage-root", root.toString());
    serve.put("sbz.serve.port", 0);
    serve.put("sbz.serve.admin-token", TOKEN);
    serve.put("sbz.serve.batch-delay", "300ms");
    serve.put("sbz.serve.retry-delay", "2s");
    ServeSettings settings = ServeSettings.from(ConfigLoader.resolve(null, serve));
    spark = TestSpark.session();
    service = new PartialService(spark, config, settings).start();
    client = new ServeClient(service.port());
  }

  @AfterAll
  static void stop() throws Exception {
    if (service != null) {
      service.close();
    }
  }

  @Test
  @Order(1)
  void badBodiesGet400WithTheFieldAndNoStackTrace() throws Exception {
    ObjectNode good = ServeClient.body("de", "2.0");
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {"{not json", 400, null});
    cases.add(new Object[] {"[1,2]", 400, null});
    cases.add(new Object[] {with(good, "colour", "red"), 400, "colour"});
    cases.add(new Object[] {without(good, "product"), 400, "product"});
    cases.add(new Object[] {with(good, "from_sha512", "abc"), 400, "from_sha512"});
    cases.add(new Object[] {with(good, "locale", "de/../x"), 400, "locale"});
    cases.add(new Object[] {with(good, "format", "ancient"), 400, "format"});
    cases.add(new Object[] {with(good, "forced_files", "../etc/passwd"), 400, "forced_files"});
    ObjectNode number = good.deepCopy();
    number.put("platform", 7);
    cases.add(new Object[] {ServeClient.JSON.writeValueAsString(number), 400, "platform"});
    Path outside = work.resolve("elsewhere.mar");
    Files.write(outside, new byte[] {1});
    cases.add(new Object[] {with(good, "to_url", outside.toUri().toString()), 403, "to_url"});
    cases.add(new Object[] {with(good, "from_url", "gopher://x/y"), 400, "from_url"});
    for (Object[] c : cases) {
      HttpResponse<String> r = client.post("/partials", (String) c[0], null);
      assertEquals(c[1], r.statusCode(), c[0] + " -> " + r.body());
      JsonNode err = ServeClient.json(r);
      String reason = err.path("error").asText();
      assertFalse(reason.isBlank(), r.body());
      assertFalse(
          reason.contains("\n") || r.body().contains("Exception") || r.body().contains("\tat "),
          "a one-line reason without a trace: " + r.body());
      if (c[2] != null) {
        assertEquals(c[2], err.path("field").asText(), r.body());
      }
    }
    // nothing was queued by any of them
    assertEquals(0, ServeClient.json(client.get("/healthz")).path("queued").asInt());
    assertEquals(400, client.get("/partials?limit=0").statusCode());
    assertEquals(400, client.get("/partials?status=lost").statusCode());
    assertEquals(400, client.get("/partials/NOT-AN-ID").statusCode());
    assertEquals(404, client.get("/partials/" + "0".repeat(32)).statusCode());
  }

  @Test
  @Order(2)
  void adminRefusesAMissingOrWrongToken() throws Exception {
    String id = "0".repeat(32);
    for (String path :
        List.of(
            "/admin/partials/" + id + "/retry",
            "/admin/retry-failed",
            "/admin/cache/evict",
            "/admin/cache/sweep",
            "/admin/tables/optimize")) {
      HttpResponse<String> none = client.post(path, "{}", null);
      assertEquals(401, none.statusCode(), path);
      assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
      assertEquals(403, client.post(path, "{}", "wrong-" + TOKEN).statusCode(), path);
      assertEquals(403, client.post(path, "{}", TOKEN.substring(1)).statusCode(), path);
    }
    assertEquals(401, client.get("/admin/runs").statusCode());
    assertEquals(403, client.get("/admin/runs", "nope").statusCode());
    assertEquals(200, client.get("/admin/runs", TOKEN).statusCode());
    assertEquals(404, client.post("/admin/partials/" + id + "/retry", "{}", TOKEN).statusCode());
    assertEquals(400, client.post("/admin/cache/evict", "{}", TOKEN).statusCode());
    assertEquals(
        400, client.post("/admin/tables/optimize", "{\"retention\":\"1h\"}", TOKEN).statusCode());
  }

  @Test
  @Order(3)
  void twentyConcurrentPostsGiveOneIdAndOnePartialThatApplies() throws Exception {
    String body = ServeClient.JSON.writeValueAsString(ServeClient.body("de", "2.0"));
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      List<Callable<HttpResponse<String>>> posts = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        posts.add(() -> client.post("/partials", body, null));
      }
      answers.addAll(pool.invokeAll(posts));
    } finally {
      pool.shutdown();
    }
    Set<String> ids = new HashSet<>();
    for (Future<HttpResponse<String>> f : answers) {
      HttpResponse<String> r = f.get();
      assertTrue(r.statusCode() == 202 || r.statusCode() == 200, r.body());
      JsonNode v = ServeClient.json(r);
      ids.add(v.path("id").asText());
      assertTrue(
          v.path("links").path("self").asText().endsWith("/partials/" + v.path("id").asText()));
    }
    assertEquals(1, ids.size(), "one id for one path: " + ids);
    deId = ids.iterator().next();
    JsonNode done = client.awaitTerminal(deId, 30);
    assertEquals("done", done.path("status").asText(), done.toString());
    JsonNode p = done.path("partial");
    assertEquals("sha512", p.path("hashFunction").asText());
    assertFalse(p.path("from_buildid").asText().isEmpty(), done.toString());
    assertFalse(p.path("to_buildid").asText().isEmpty(), done.toString());
    assertEquals(
        org.senbonzakura.jobs.pipeline.Versions.GENERATOR, p.path("generator_version").asText());

    // one queue row, one results row, one partial file for the id
    assertEquals(1, rows(settingsQueue(), QueueTable.SCHEMA, deId));
    assertEquals(1, rows(config.resultsTable, TableSchemas.RESULTS, deId));
    assertEquals(1, partialsOf(deId).size(), "partials: " + partialsOf(deId));
    assertEquals(1, ServeClient.json(client.get("/admin/runs", TOKEN)).path("runs").size());

    // the downloaded bytes are the partial recorded, and they turn FROM into TO
    HttpResponse<byte[]> mar = client.bytes("/partials/" + deId + "/mar");
    assertEquals(200, mar.statusCode());
    assertEquals(p.path("size").asLong(), mar.body().length);
    assertEquals(p.path("hashValue").asText(), Digests.hex(Digests.sha512().digest(mar.body())));
    Path file = work.resolve("de.partial.mar");
    Files.write(file, mar.body());
    GoldenLocales.assertApplies(
        file,
        GoldenLocales.golden().resolve("from"),
        GoldenLocales.golden().resolve("to"),
        work.resolve("install-de"),
        "de");

    // asked again: answered at once with 200, same id, no new run
    HttpResponse<String> again = client.post("/partials", body, null);
    assertEquals(200, again.statusCode(), again.body());
    assertEquals(deId, ServeClient.json(again).path("id").asText());
    assertEquals(1, ServeClient.json(client.get("/admin/runs", TOKEN)).path("runs").size());
  }

  @Test
  @Order(4)
  void rangeRequestsReturnTheRightBytes() throws Exception {
    String path = "/partials/" + deId + "/mar";
    byte[] whole = client.bytes(path).body();
    String etag = client.bytes(path).headers().firstValue("ETag").orElseThrow();
    assertEquals("\"" + Digests.hex(Digests.sha512().digest(whole)) + "\"", etag);
    HttpResponse<byte[]> mid = client.bytes(path, "Range", "bytes=10-99");
    assertEquals(206, mid.statusCode());
    assertArrayEquals(Arrays.copyOfRange(whole, 10, 100), mid.body());
    assertEquals(
        "bytes 10-99/" + whole.length, mid.headers().firstValue("Content-Range").orElseThrow());
    HttpResponse<byte[]> tail = client.bytes(path, "Range", "bytes=-50");
    assertEquals(206, tail.statusCode());
    assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 50, whole.length), tail.body());
    HttpResponse<byte[]> open = client.bytes(path, "Range", "bytes=100-");
    assertArrayEquals(Arrays.copyOfRange(whole, 100, whole.length), open.body());
    HttpResponse<byte[]> past = client.bytes(path, "Range", "bytes=" + whole.length + "-");
    assertEquals(416, past.statusCode());
    assertEquals(304, client.bytes(path, "If-None-Match", etag).statusCode());
    HttpResponse<byte[]> stale = client.bytes(path, "Range", "bytes=0-9", "If-Range", "\"old\"");
    assertEquals(200, stale.statusCode());
    assertEquals(whole.length, stale.body().length);
  }

  @Test
  @Order(5)
  void evictThenSweepRemovesExactlyTheUnreferencedAndAPostRebuildsIt() throws Exception {
    // two more partials in one micro-batch: "fr" (to 2.0, kept) and "it" (to 2.1, evicted)
    String fr =
        ServeClient.json(client.post("/partials", ServeClient.body("fr", "2.0")))
            .path("id")
            .asText();
    ObjectNode itBody = ServeClient.body("it", "2.1");
    String it = ServeClient.json(client.post("/partials", itBody)).path("id").asText();
    assertEquals("done", client.awaitTerminal(fr, 30).path("status").asText());
    assertEquals("done", client.awaitTerminal(it, 30).path("status").asText());
    // and "de" withdrawn: its row stays, its bytes go at the sweep
    JsonNode withdrawn = ServeClient.json(client.delete("/partials/" + deId));
    assertEquals("withdrawn", withdrawn.path("status").asText());
    assertEquals(410, client.bytes("/partials/" + deId + "/mar").statusCode());
    List<Path> deFiles = partialsOf(deId);
    List<Path> frFiles = partialsOf(fr);
    List<Path> itFiles = partialsOf(it);
    assertEquals(1, itFiles.size());

    JsonNode evicted =
        ServeClient.json(client.post("/admin/cache/evict", "{\"to_version\":\"2.1\"}", TOKEN));
    assertEquals(1, evicted.path("evicted").asInt(), evicted.toString());
    assertEquals(it, evicted.path("ids").get(0).asText());
    assertEquals(404, client.get("/partials/" + it).statusCode());
    assertTrue(Files.exists(itFiles.get(0)), "evict alone deletes no file");

    // a grace period protects everything just written
    JsonNode graced =
        ServeClient.json(client.post("/admin/cache/sweep", "{\"grace\":\"1h\"}", TOKEN));
    assertEquals(0, graced.path("deleted").asInt(), graced.toString());
    JsonNode swept =
        ServeClient.json(client.post("/admin/cache/sweep", "{\"grace\":\"0s\"}", TOKEN));
    Set<String> deleted = new HashSet<>();
    swept.path("files").forEach(f -> deleted.add(f.asText()));
    Set<String> expected = new HashSet<>();
    for (Path f : concat(deFiles, itFiles)) {
      expected.add(new org.apache.hadoop.fs.Path(f.toUri().toString()).toString());
    }
    Set<String> deletedPartials = new HashSet<>();
    for (String d : deleted) {
      if (d.endsWith(".partial.mar")) {
        deletedPartials.add(d);
      }
    }
    assertEquals(expected, deletedPartials, swept.toString());
    for (Path f : concat(deFiles, itFiles)) {
      assertFalse(Files.exists(f), f + " swept");
      assertFalse(Files.exists(f.resolveSibling("." + f.getFileName() + ".sbz-meta")));
    }
    for (Path f : frFiles) {
      assertTrue(Files.exists(f), f + " is referenced and stays");
    }
    assertEquals(200, client.bytes("/partials/" + fr + "/mar").statusCode());
    assertEquals(
        "withdrawn", ServeClient.json(client.get("/partials/" + deId)).path("status").asText());

    // asked again, the evicted partial is built again
    HttpResponse<String> again = client.post("/partials", itBody);
    assertEquals(202, again.statusCode(), again.body());
    assertEquals(it, ServeClient.json(again).path("id").asText());
    JsonNode rebuilt = client.awaitTerminal(it, 30);
    assertEquals("done", rebuilt.path("status").asText(), rebuilt.toString());
    assertEquals(1, partialsOf(it).size());
    assertEquals(200, client.bytes("/partials/" + it + "/mar").statusCode());
  }

  @Test
  @Order(6)
  void listsPagesMetricsAndHealth() throws Exception {
    JsonNode page1 = ServeClient.json(client.get("/partials?limit=1&to_version=2.0"));
    assertEquals(1, page1.path("items").size());
    String next = page1.path("next").asText();
    JsonNode page2 = ServeClient.json(client.get("/partials?limit=1&to_version=2.0&after=" + next));
    assertEquals(1, page2.path("items").size());
    assertTrue(page2.path("next").isNull(), page2.toString());
    Set<String> both =
        Set.of(
            page1.path("items").get(0).path("id").asText(),
            page2.path("items").get(0).path("id").asText());
    assertTrue(both.contains(deId), both.toString());
    JsonNode done = ServeClient.json(client.get("/partials?status=done"));
    assertEquals(2, done.path("items").size(), done.toString());
    String metrics = client.get("/metrics").body();
    assertTrue(metrics.contains("sbz_queue_depth 0"), metrics);
    assertTrue(metrics.contains("sbz_partials{status=\"withdrawn\"} 1"), metrics);
    int runs = ServeClient.json(client.get("/admin/runs", TOKEN)).path("runs").size();
    assertTrue(metrics.contains("sbz_runs_total " + runs + "\n"), runs + " runs: " + metrics);
    assertTrue(metrics.contains("sbz_last_run_cache_hit_ratio{cache=\"l2\"}"), metrics);
    JsonNode health = ServeClient.json(client.get("/healthz"));
    assertEquals("ok", health.path("status").asText());
    assertEquals(405, client.delete("/partials").statusCode());
  }

  @Test
  @Order(7)
  void openApiDocumentsEveryRouteAndDocsApiMdIsTheSameDocument() throws Exception {
    JsonNode spec = ServeClient.json(client.get("/openapi.json"));
    assertTrue(spec.path("openapi").asText().startsWith("3."));
    for (String route : PartialService.ROUTES) {
      String[] mp = route.split(" ", 2);
      JsonNode op = spec.path("paths").path(mp[1]).path(mp[0].toLowerCase(java.util.Locale.ROOT));
      assertFalse(op.isMissingNode(), route + " is not in openapi.json");
    }
    Path apiMd = Path.of(System.getProperty("sbz.repo", ".."), "docs", "api.md");
    String md = Files.readString(apiMd);
    int start = md.indexOf("```json\n");
    int end = md.indexOf("```", start + 8);
    assertTrue(start >= 0 && end > start, "docs/api.md embeds the document in a json block");
    assertEquals(
        spec,
        ServeClient.JSON.readTree(md.substring(start + 8, end)),
        "docs/api.md and openapi.json differ");
  }

  private static String settingsQueue() {
    return config.storageRoot + "/tables/queue";
  }

  private static long rows(String table, org.apache.spark.sql.types.StructType schema, String id) {
    return DeltaTables.readOrEmpty(spark, table, schema)
        .filter(org.apache.spark.sql.functions.col("request_id").equalTo(id))
        .count();
  }

  /** The partial files whose name carries the id's first 12 digits (AssembleTask's naming). */
  static List<Path> partialsOf(String id) throws Exception {
    Path dir = Path.of(java.net.URI.create(config.partialsDir));
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(
              p -> p.getFileName().toString().endsWith("." + id.substring(0, 12) + ".partial.mar"))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .toList();
    }
  }

  private static List<Path> concat(List<Path> a, List<Path> b) {
    List<Path> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static String with(ObjectNode o, String field, String value) throws Exception {
    ObjectNode c = o.deepCopy();
    c.put(field, value);
    return ServeClient.JSON.writeValueAsString(c);
  }

  private static String without(ObjectNode o, String field) throws Exception {
    ObjectNode c = o.deepCopy();
    c.remove(field);
    return ServeClient.JSON.writeValueAsString(c);
  }
}
