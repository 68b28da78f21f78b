/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.cache.CacheAdmin;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.fetch.UrlPolicy;
import org.senbonzakura.jobs.report.ReportLoader;
import org.senbonzakura.jobs.report.ReportPage;
import org.senbonzakura.jobs.storage.Storage;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.QueueTable;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * {@code sbz serve}: partials on demand over HTTP/JSON (docs/api.md), on the JDK's {@link
 * HttpServer}. A POST is validated by the pipeline's validator and recorded in the durable queue (a
 * Delta table) before it is answered; one scheduler thread runs the unchanged pipeline on the
 * queued requests in micro-batches, one run at a time, on the service's SparkSession or through a
 * submit script ({@link PipelineLauncher}); status requests are answered from the in-memory {@link
 * Registry}, never from Delta, so they stay fast while a run holds the tables.
 */
public final class PartialService implements AutoCloseable {
  /** Every route, as "METHOD path" with OpenAPI's {@code {id}}: the OpenAPI test checks them. */
  public static final List<String> ROUTES =
      List.of(
          "GET /",
          "GET /healthz",
          "GET /metrics",
          "GET /openapi.json",
          "POST /partials",
          "GET /partials",
          "GET /partials/{id}",
          "DELETE /partials/{id}",
          "GET /partials/{id}/mar",
          "POST /admin/partials/{id}/retry",
          "POST /admin/retry-failed",
          "POST /admin/cache/evict",
          "POST /admin/cache/sweep",
          "POST /admin/tables/optimize",
          "GET /admin/runs");

  private static final String NODELAY = "sun.net.httpserver.nodelay";
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern PARTIAL = Pattern.compile("/partials/([^/]+)(/mar)?");
  private static final Pattern RETRY = Pattern.compile("/admin/partials/([^/]+)/retry");
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  private static final Set<String> STATUSES =
      Set.of("queued", "running", "done", "failed", "withdrawn");

  private final SparkSession spark;
  private final JobConfig config;
  private final ServeSettings settings;
  private final UrlPolicy urls;
  private final QueueTable queue;
  private final Registry registry = new Registry();
  private final BatchRunner runner;
  private final CacheAdmin cache;
  private final Storage storage;
  private final Metrics metrics = new Metrics();
  private final Map<String, Object> idLocks = new ConcurrentHashMap<>();

  /** Held by every writer of the queue table, so the scheduler's marks never race a DELETE. */
  private final Object queueLock = new Object();

  /** Held by a run and by the admin operations that change tables or delete files. */
  private final ReentrantLock runLock = new ReentrantLock();

  private final LinkedBlockingQueue<Boolean> kick = new LinkedBlockingQueue<>();
  private volatile boolean stopping;

  /** Counted down by {@link #close}: ends a wait before retrying a failed run. */
  private final CountDownLatch stopped = new CountDownLatch(1);

  private volatile String lastRunError = "";
  private volatile String reportHtml = "";
  private HttpServer server;
  private ExecutorService executor;
  private Thread scheduler;
  private RootLock rootLock;

  public PartialService(SparkSession spark, JobConfig config, ServeSettings settings) {
    this.spark = spark;
    this.config = config;
    this.settings = settings;
    this.urls = new UrlPolicy(config.allowUrlPrefixes);
    this.queue = new QueueTable(spark, settings.queueTable());
    this.runner = new BatchRunner(spark, config, PipelineLauncher.of(spark, config, settings));
    this.cache = new CacheAdmin(spark, config, settings.queueTable());
    this.storage = new Storage(spark.sparkContext().hadoopConfiguration());
  }

  /**
   * Takes the storage root's lock, loads the queue and results tables, starts listening and starts
   * the scheduler, which at once picks up whatever a previous service left queued or running.
   */
  public PartialService start() throws IOException {
    rootLock = RootLock.acquire(config.storageRoot);
    reload();
    refreshReport();
    server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 128);
    executor = Executors.newFixedThreadPool(32, daemons("sbz-serve-http"));
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    scheduler = daemons("sbz-serve-scheduler").newThread(this::schedule);
    scheduler.start();
    kick.offer(true);
    log(
        "listening on http://"
            + settings.bind()
            + ":"
            + port()
            + "/ (storage "
            + config.storageRoot
            + ")");
    return this;
  }

  /** The port listened on (the one the OS chose for port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops listening, lets a run in progress finish, and releases the storage root. */
  @Override
  public void close() throws IOException {
    stopping = true;
    stopped.countDown();
    kick.offer(true);
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
    }
    if (scheduler != null) {
      try {
        scheduler.join(TimeUnit.MINUTES.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (rootLock != null) {
      rootLock.close();
    }
  }

  private void reload() {
    List<Result> results = new ArrayList<>();
    for (Row r :
        DeltaTables.readOrEmpty(spark, config.resultsTable, TableSchemas.RESULTS).collectAsList()) {
      results.add(Result.of(r));
    }
    registry.load(queue.readAll(), results);
  }

  private void refreshReport() {
    try {
      reportHtml = ReportPage.render(ReportLoader.load(spark, config), Instant.now());
    } catch (RuntimeException e) {
      log("report: " + e);
    }
  }

  // ---- scheduler ----

  private void schedule() {
    while (!stopping) {
      try {
        kick.poll(5, TimeUnit.SECONDS);
        if (stopping || registry.queued().isEmpty()) {
          continue;
        }
        Thread.sleep(settings.batchDelay().toMillis()); // gather a micro-batch
        kick.clear();
        runOnce();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One micro-batch: everything queued now. Public for tests and benchmarks that drive it. */
  private void runOnce() throws InterruptedException {
    runLock.lock();
    try {
      List<QueueTable.Item> batch = registry.queued();
      if (batch.isEmpty()) {
        return;
      }
      Set<String> ids = new HashSet<>();
      batch.forEach(i -> ids.add(i.id()));
      metrics.runs.incrementAndGet();
      BatchRunner.Outcome o = runner.run(batch, phase -> registry.startRun(ids, phase));
      String runId = o.stats().runId;
      synchronized (queueLock) {
        List<QueueTable.Item> processed =
            queue.markProcessed(
                batch,
                runId,
                id -> {
                  QueueTable.Item now = registry.item(id);
                  return now != null && now.state().equals(QueueTable.QUEUED);
                });
        registry.finishRun(o.results(), processed);
      }
      metrics.lastRun(o.stats());
      lastRunError = "";
      log("run " + runId + ": " + batch.size() + " queued request(s) processed");
      refreshReport();
    } catch (IOException | RuntimeException e) {
      // the batch stays queued: the next attempt (or the next service) runs it again
      metrics.runFailures.incrementAndGet();
      lastRunError = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      log("run failed, will retry in " + settings.retryDelay() + ": " + e);
      registry.endRun();
      if (!stopping && !stopped.await(settings.retryDelay().toMillis(), TimeUnit.MILLISECONDS)) {
        kick.offer(true);
      }
    } finally {
      runLock.unlock();
    }
  }

  // ---- HTTP ----

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      try {
        route(ex);
      } catch (BadRequestException e) {
        ObjectNode err = Json.MAPPER.createObjectNode();
        err.put("error", e.getMessage());
        if (e.field() != null) {
          err.put("field", e.field());
        }
        if (e.status() == 401) {
          ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"sbz-admin\"");
        }
        json(ex, e.status(), err);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        error(ex, 503, "the service is stopping");
      } catch (IOException | RuntimeException e) {
        // the client gets one line; the log keeps the trace
        log("internal error on " + ex.getRequestMethod() + " " + ex.getRequestURI() + ": " + e);
        e.printStackTrace();
        error(ex, 500, "internal error: " + e.getClass().getSimpleName());
      }
    }
  }

  private void route(HttpExchange ex)
      throws IOException, BadRequestException, InterruptedException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    Map<String, String> q = query(ex.getRequestURI());
    if (path.startsWith("/admin/")) {
      authorize(ex);
      admin(ex, method, path, q);
      return;
    }
    Matcher m = PARTIAL.matcher(path);
    switch (method
        + " "
        + (m.matches() ? (m.group(2) == null ? "/partials/{id}" : "/mar") : path)) {
      case "GET /" -> html(ex);
      case "GET /healthz" -> health(ex);
      case "GET /metrics" ->
          send(
              ex,
              200,
              "text/plain; version=0.0.4; charset=utf-8",
              metrics
                  .render(registry.counts(), registry.isRunning())
                  .getBytes(StandardCharsets.UTF_8));
      case "GET /openapi.json" -> openApi(ex);
      case "POST /partials", "POST /partials/" -> post(ex, q);
      case "GET /partials", "GET /partials/" -> list(ex, q);
      case "GET /partials/{id}" -> get(ex, id(m.group(1)), q);
      case "DELETE /partials/{id}" -> withdraw(ex, id(m.group(1)));
      case "GET /mar" -> download(ex, id(m.group(1)));
      default -> {
        boolean known = ROUTES.stream().anyMatch(r -> r.endsWith(" " + path));
        throw new BadRequestException(
            known ? 405 : 404,
            null,
            (known ? "method not allowed: " : "not found: ") + method + " " + path);
      }
    }
  }

  private void post(HttpExchange ex, Map<String, String> q)
      throws IOException, BadRequestException, InterruptedException {
    long wait = waitMillis(q);
    JsonNode body;
    try (InputStream in = ex.getRequestBody()) {
      body = Json.MAPPER.readTree(in.readNBytes(1 << 20));
    } catch (JsonProcessingException e) {
      metrics.post("bad");
      throw new BadRequestException(400, null, "malformed JSON: " + e.getOriginalMessage());
    }
    PartialRequest req;
    try {
      req = PartialRequest.parse(body, urls);
    } catch (BadRequestException e) {
      metrics.post(e.status() == 403 ? "forbidden" : "bad");
      throw e;
    }
    String id = req.id();
    boolean existing;
    synchronized (idLocks.computeIfAbsent(id, k -> new Object())) {
      Registry.View v = registry.view(id);
      existing = v != null && (!v.status().equals("done") || partialStored(v));
      existing &= v == null || !v.status().equals("withdrawn"); // asked again: made again
      if (!existing) {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        QueueTable.Item old = registry.item(id);
        QueueTable.Item item =
            new QueueTable.Item(
                id,
                req.values(),
                QueueTable.QUEUED,
                now,
                now,
                null,
                old == null ? 0 : old.attempts());
        synchronized (queueLock) {
          queue.write(List.of(item));
          registry.put(List.of(item));
        }
        kick.offer(true);
      }
    }
    Registry.View v = wait > 0 ? registry.await(id, wait) : registry.view(id);
    metrics.post(existing ? "existing" : "accepted");
    json(ex, v.terminal() ? 200 : 202, Json.view(v, base(ex)));
  }

  private boolean partialStored(Registry.View v) throws IOException {
    String p = v.result().partialPath();
    return p != null && storage.exists(p);
  }

  private void get(HttpExchange ex, String id, Map<String, String> q)
      throws IOException, BadRequestException, InterruptedException {
    long wait = waitMillis(q);
    Registry.View v = wait > 0 ? registry.await(id, wait) : registry.view(id);
    if (v == null) {
      throw new BadRequestException(404, "id", "no partial " + id);
    }
    json(ex, 200, Json.view(v, base(ex)));
  }

  private void withdraw(HttpExchange ex, String id) throws IOException, BadRequestException {
    synchronized (idLocks.computeIfAbsent(id, k -> new Object())) {
      Registry.View v = registry.view(id);
      if (v == null) {
        throw new BadRequestException(404, "id", "no partial " + id);
      }
      if (!v.status().equals("withdrawn")) {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        QueueTable.Item item =
            v.item() != null
                ? v.item().with(QueueTable.WITHDRAWN, v.item().runId(), v.item().attempts())
                : new QueueTable.Item(
                    id, null, QueueTable.WITHDRAWN, now, now, v.result().runId(), 0);
        synchronized (queueLock) {
          queue.write(List.of(item));
          registry.put(List.of(item));
        }
      }
    }
    json(ex, 200, Json.view(registry.view(id), base(ex)));
  }

  private void list(HttpExchange ex, Map<String, String> q)
      throws IOException, BadRequestException {
    String status = q.get("status");
    if (status != null && !STATUSES.contains(status)) {
      throw new BadRequestException(400, "status", "status must be one of " + STATUSES);
    }
    int limit = 100;
    if (q.containsKey("limit")) {
      try {
        limit = Integer.parseInt(q.get("limit"));
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > settings.maxListLimit()) {
        throw new BadRequestException(400, "limit", "limit must be 1.." + settings.maxListLimit());
      }
    }
    String after = q.getOrDefault("after", "");
    String product = q.get("product");
    String toVersion = q.get("to_version");
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode items = out.putArray("items");
    String base = base(ex);
    String last = null;
    boolean more = false;
    for (Registry.View v : registry.all().tailMap(after, false).values()) {
      if ((status != null && !status.equals(v.status()))
          || (product != null && !product.equals(v.product()))
          || (toVersion != null && !toVersion.equals(v.toVersion()))) {
        continue;
      }
      if (items.size() == limit) {
        more = true;
        break;
      }
      items.add(Json.view(v, base));
      last = v.id();
    }
    if (more) {
      out.put("next", last);
    } else {
      out.putNull("next");
    }
    json(ex, 200, out);
  }

  /** The partial's bytes, with a strong ETag (its SHA-512) and single-range requests. */
  private void download(HttpExchange ex, String id) throws IOException, BadRequestException {
    Registry.View v = registry.view(id);
    if (v == null) {
      throw new BadRequestException(404, "id", "no partial " + id);
    }
    if (v.status().equals("withdrawn")) {
      throw new BadRequestException(410, "id", "partial " + id + " was withdrawn");
    }
    if (!v.status().equals("done")) {
      throw new BadRequestException(409, "id", "partial " + id + " is " + v.status());
    }
    Result r = v.result();
    Path p = new Path(r.partialPath());
    long size;
    try {
      size = storage.fs(r.partialPath()).getFileStatus(p).getLen();
    } catch (java.io.FileNotFoundException e) {
      throw new BadRequestException(410, "id", "partial " + id + " is no longer stored");
    }
    String etag = "\"" + r.partialSha512() + "\"";
    var h = ex.getResponseHeaders();
    h.set("ETag", etag);
    h.set("Accept-Ranges", "bytes");
    h.set("Content-Type", "application/octet-stream");
    h.set("Content-Disposition", "attachment; filename=\"" + p.getName() + "\"");
    String inm = ex.getRequestHeaders().getFirst("If-None-Match");
    if (inm != null && (inm.equals(etag) || inm.equals("*"))) {
      ex.sendResponseHeaders(304, -1);
      return;
    }
    long start = 0;
    long end = size - 1;
    int status = 200;
    String range = ex.getRequestHeaders().getFirst("Range");
    String ifRange = ex.getRequestHeaders().getFirst("If-Range");
    if (range != null && (ifRange == null || ifRange.equals(etag))) {
      Matcher m = RANGE.matcher(range.trim());
      if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
        if (m.group(1).isEmpty()) { // suffix: the last N bytes
          start = Math.max(0, size - Long.parseLong(m.group(2)));
        } else {
          start = Long.parseLong(m.group(1));
          end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
        }
        if (start >= size || start > end) {
          h.set("Content-Range", "bytes */" + size);
          ex.sendResponseHeaders(416, -1);
          return;
        }
        status = 206;
        h.set("Content-Range", "bytes " + start + "-" + end + "/" + size);
      } // several ranges or a malformed one: the whole file, as RFC 9110 allows
    }
    long length = end - start + 1;
    metrics.downloads.incrementAndGet();
    ex.sendResponseHeaders(status, length == 0 ? -1 : length);
    try (FSDataInputStream in = storage.fs(r.partialPath()).open(p);
        OutputStream out = ex.getResponseBody()) {
      in.seek(start);
      byte[] buf = new byte[1 << 16];
      long left = length;
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          throw new IOException("partial " + p + " ended early");
        }
        out.write(buf, 0, n);
        left -= n;
      }
    }
  }

  private void health(HttpExchange ex) throws IOException {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("status", "ok");
    Map<String, Integer> counts = registry.counts();
    o.put("queued", counts.get("queued") + counts.get("running"));
    o.put("running", registry.isRunning());
    o.put("generator_version", Json.generator());
    o.put("last_run_error", lastRunError);
    json(ex, 200, o);
  }

  private void html(HttpExchange ex) throws IOException {
    String note =
        registry.isRunning() ? "a run is in progress" : "idle; storage " + config.storageRoot;
    String page = HomePage.render(registry.counts(), registry.recent(50), reportHtml, note);
    send(ex, 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
  }

  private void openApi(HttpExchange ex) throws IOException {
    try (InputStream in = PartialService.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IOException("openapi.json is missing from the classpath");
      }
      send(ex, 200, "application/json", in.readAllBytes());
    }
  }

  // ---- admin ----

  private void authorize(HttpExchange ex) throws BadRequestException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new BadRequestException(401, null, "admin API: bearer token required");
    }
    byte[] given = auth.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    byte[] want = settings.adminToken().getBytes(StandardCharsets.UTF_8);
    if (want.length == 0 || !MessageDigest.isEqual(given, want)) {
      throw new BadRequestException(403, null, "admin API: wrong token");
    }
  }

  private void admin(HttpExchange ex, String method, String path, Map<String, String> q)
      throws IOException, BadRequestException {
    Matcher retry = RETRY.matcher(path);
    if (method.equals("POST") && retry.matches()) {
      String id = id(retry.group(1));
      Registry.View v = registry.view(id);
      if (v == null) {
        throw new BadRequestException(404, "id", "no partial " + id);
      }
      retryable(v);
      requeue(List.of(v.item()));
      json(ex, 202, Json.view(registry.view(id), base(ex)));
      return;
    }
    Map<String, String> args = new LinkedHashMap<>(q);
    if (method.equals("POST")) {
      args.putAll(bodyArgs(ex));
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    switch (method + " " + path) {
      case "POST /admin/retry-failed" -> {
        List<QueueTable.Item> items = new ArrayList<>();
        for (Registry.View v : registry.all().values()) {
          if (v.status().equals("failed") && v.item() != null && v.item().request() != null) {
            items.add(v.item());
          }
        }
        requeue(items);
        ArrayNode ids = out.put("retried", items.size()).putArray("ids");
        items.forEach(i -> ids.add(i.id()));
      }
      case "POST /admin/cache/evict" -> {
        CacheAdmin.Selector s =
            new CacheAdmin.Selector(
                args.get("product"), args.get("to_version"), duration(args, "older_than", null));
        if (s.empty()) {
          throw new BadRequestException(400, null, "evict needs product, to_version or older_than");
        }
        List<String> ids = locked(() -> cache.evict(s));
        registry.evicted(ids);
        ArrayNode a = out.put("evicted", ids.size()).putArray("ids");
        ids.forEach(a::add);
      }
      case "POST /admin/cache/sweep" -> {
        Duration grace = duration(args, "grace", settings.sweepGrace());
        CacheAdmin.SweepReport r = locked(() -> cache.sweep(grace));
        out.put("deleted", r.deleted().size());
        out.put("bytes_deleted", r.bytesDeleted());
        out.put("kept", r.kept());
        out.put("protected_by_grace", r.protectedByGrace());
        ArrayNode a = out.putArray("files");
        r.deleted().forEach(a::add);
      }
      case "POST /admin/tables/optimize" -> {
        Duration retention = duration(args, "retention", settings.vacuumRetention());
        if (retention.compareTo(ServeSettings.SAFE_RETENTION) < 0) {
          throw new BadRequestException(
              400, "retention", "retention below 7 days is not safe for VACUUM");
        }
        List<String> tables = locked(() -> cache.optimize(retention));
        ArrayNode a = out.putArray("optimized");
        tables.forEach(a::add);
      }
      case "GET /admin/runs" -> {
        ArrayNode runs = out.putArray("runs");
        for (String row :
            DeltaTables.readOrEmpty(spark, config.runsTable, TableSchemas.RUNS)
                .orderBy(org.apache.spark.sql.functions.col("started_at").desc())
                .limit(100)
                .toJSON()
                .collectAsList()) {
          runs.add(Json.MAPPER.readTree(row));
        }
      }
      default -> throw new BadRequestException(404, null, "not found: " + method + " " + path);
    }
    json(ex, 200, out);
  }

  static void retryable(Registry.View v) throws BadRequestException {
    if (!v.status().equals("failed")) {
      throw new BadRequestException(
          409, "id", "only a failed partial is retried; " + v.id() + " is " + v.status());
    }
    if (v.item() == null || v.item().request() == null) {
      throw new BadRequestException(
          409, "id", "no stored request for " + v.id() + " (made by a batch run): POST it again");
    }
  }

  private void requeue(List<QueueTable.Item> items) {
    List<QueueTable.Item> queued = new ArrayList<>();
    items.forEach(i -> queued.add(i.with(QueueTable.QUEUED, i.runId(), i.attempts())));
    synchronized (queueLock) {
      queue.write(queued);
      registry.put(queued);
    }
    kick.offer(true);
  }

  private interface Work<T> {
    T run() throws IOException;
  }

  /** Admin work that changes tables or files waits for the run in progress to end. */
  private <T> T locked(Work<T> work) throws IOException, BadRequestException {
    runLock.lock();
    try {
      return work.run();
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(400, null, e.getMessage());
    } finally {
      runLock.unlock();
    }
  }

  private static Map<String, String> bodyArgs(HttpExchange ex) throws BadRequestException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] b = in.readNBytes(1 << 16);
      Map<String, String> out = new LinkedHashMap<>();
      if (b.length == 0) {
        return out;
      }
      JsonNode n = Json.MAPPER.readTree(b);
      if (n == null || !n.isObject()) {
        throw new BadRequestException(400, null, "the body must be a JSON object");
      }
      n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
      return out;
    } catch (IOException e) {
      throw new BadRequestException(400, null, "malformed JSON body");
    }
  }

  /** A duration such as {@code 30d}, {@code 12h} or {@code 90s} (Typesafe Config's syntax). */
  static Duration duration(Map<String, String> args, String name, Duration dflt)
      throws BadRequestException {
    String v = args.get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      Duration d =
          com.typesafe.config.ConfigFactory.parseMap(Map.of("d", v.trim())).getDuration("d");
      if (d.isNegative()) {
        throw new BadRequestException(400, name, name + " must not be negative");
      }
      return d;
    } catch (com.typesafe.config.ConfigException e) {
      throw new BadRequestException(
          400, name, name + " must be a duration such as 30d, 12h or 90s, got '" + v + "'");
    }
  }

  // ---- helpers ----

  private long waitMillis(Map<String, String> q) throws BadRequestException {
    String w = q.get("wait");
    if (w == null) {
      return 0;
    }
    try {
      long s = Long.parseLong(w);
      if (s < 0) {
        throw new NumberFormatException();
      }
      return Math.min(TimeUnit.SECONDS.toMillis(s), settings.maxWait().toMillis());
    } catch (NumberFormatException e) {
      throw new BadRequestException(400, "wait", "wait must be a whole number of seconds >= 0");
    }
  }

  private static String id(String s) throws BadRequestException {
    if (!ID.matcher(s).matches()) {
      throw new BadRequestException(400, "id", "an id is 32 lower-case hex digits");
    }
    return s;
  }

  private String base(HttpExchange ex) {
    if (!settings.publicUrl().isEmpty()) {
      return settings.publicUrl();
    }
    String host = ex.getRequestHeaders().getFirst("Host");
    return "http://" + (host != null ? host : settings.bind() + ":" + port());
  }

  private static Map<String, String> query(URI uri) throws BadRequestException {
    Map<String, String> out = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.put(k, v);
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(400, null, "malformed query string");
      }
    }
    return out;
  }

  private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
    send(ex, status, "application/json", Json.MAPPER.writeValueAsBytes(body));
  }

  private static void error(HttpExchange ex, int status, String message) throws IOException {
    ObjectNode err = Json.MAPPER.createObjectNode();
    err.put("error", message);
    json(ex, status, err);
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemons(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private static void log(String line) {
    System.err.println("sbz serve: " + line);
  }
}
