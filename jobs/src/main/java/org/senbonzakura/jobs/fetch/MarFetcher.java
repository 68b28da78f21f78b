/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.fs.Path;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.jobs.storage.Storage;

/**
 * The L1 layer: fetches a complete MAR once and keeps it under {@code mars/<sha512>.mar}, so later
 * runs (and every request sharing the MAR) reuse it.
 *
 * <p>A MAR is named by its SHA-512, so every URL a request gives for that hash is a mirror of the
 * same bytes: the sources are tried in turn until one yields bytes with the right hash, and the
 * fetch fails only when none does, with each source's reason. A download is checked against the
 * allow-list (every redirect hop too), the size limit and the SHA-512 before it becomes visible;
 * transient failures are retried with exponential backoff. The whole fetch of one MAR ends at a
 * deadline, so a mirror that accepts connections and never answers costs one deadline, not the run.
 */
public final class MarFetcher implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Redirect hops followed before giving up (browsers allow about 20; a mirror needs one or two).
   */
  static final int MAX_REDIRECTS = 5;

  /**
   * Where downloads run, so that the caller can stop waiting at the deadline without being
   * interrupted itself; a stopped download is interrupted and removes its staged file.
   */
  private static final ExecutorService DOWNLOADS =
      Executors.newCachedThreadPool(
          new java.util.concurrent.ThreadFactory() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
              Thread t = new Thread(r, "sbz-fetch-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            }
          });

  private final Storage storage;
  private final UrlPolicy policy;
  private final String marsDir;
  private final long maxBytes;
  private final int attempts;
  private final long backoffMillis;
  private final long answerTimeoutMillis;
  private final long connectTimeoutMillis;
  private final long deadlineMillis;
  private transient HttpClient http;

  public MarFetcher(Storage storage, JobConfig config) {
    this.storage = storage;
    this.policy = new UrlPolicy(config.allowUrlPrefixes);
    this.marsDir = config.marsDir;
    this.maxBytes = config.fetchMaxBytes;
    this.attempts = config.fetchAttempts;
    this.backoffMillis = config.fetchBackoffMillis;
    this.answerTimeoutMillis = config.fetchTimeoutMillis;
    this.connectTimeoutMillis = config.fetchConnectTimeoutMillis;
    this.deadlineMillis = config.fetchDeadlineMillis;
  }

  /** Where a verified MAR with this SHA-512 lives in L1. */
  public String locationOf(String sha512) {
    return Storage.contentAddressed(marsDir, sha512.toLowerCase(Locale.ROOT), ".mar");
  }

  /** The outcome: where the MAR is, and whether L1 already had it. */
  public record Fetched(String location, long size, boolean cacheHit) implements Serializable {}

  /** Returns the MAR in L1, downloading it from {@code url} first if needed. */
  public Fetched fetch(String url, String sha512) throws FetchException {
    return fetch(List.of(url), sha512);
  }

  /**
   * Returns the MAR in L1, downloading it first if needed from the first of {@code urls} (all
   * mirrors of the same bytes) that gives the right SHA-512 within the deadline.
   */
  public Fetched fetch(List<String> urls, String sha512) throws FetchException {
    String expected = sha512.toLowerCase(Locale.ROOT);
    String target = locationOf(expected);
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    List<URI> sources = new ArrayList<>();
    for (String url : new LinkedHashSet<>(urls)) {
      try {
        sources.add(policy.check(url));
      } catch (FetchException e) {
        failures.add(e.getMessage());
      }
    }
    if (sources.isEmpty()) {
      throw new FetchException(
          failures.isEmpty() ? "no URL given" : String.join("; ", failures), false);
    }
    try {
      long have = storage.length(target);
      if (have >= 0) {
        return new Fetched(target, have, true);
      }
    } catch (IOException e) {
      throw new FetchException("cannot read the MAR store: " + FetchReasons.of(e, 0, 0), true, e);
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
    AtomicReference<URI> current = new AtomicReference<>(sources.get(0));
    Future<Fetched> download =
        DOWNLOADS.submit(() -> fromSources(sources, expected, target, deadline, current, failures));
    try {
      return download.get(deadlineMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      download.cancel(true);
      List<String> done;
      synchronized (failures) {
        done = List.copyOf(failures);
      }
      throw new FetchException(
          "timed out after "
              + FetchReasons.seconds(deadlineMillis)
              + " fetching "
              + current.get()
              + (done.isEmpty() ? "" : " (before: " + String.join("; ", done) + ")"),
          false);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof FetchException f) {
        throw f;
      }
      throw new FetchException(
          "cannot fetch: "
              + e.getCause().getClass().getSimpleName()
              + ": "
              + FetchReasons.firstMessage(e.getCause()),
          false,
          e.getCause());
    } catch (InterruptedException e) {
      download.cancel(true);
      Thread.currentThread().interrupt();
      throw new FetchException("interrupted while fetching", false, e);
    }
  }

  /** Tries each source in turn (each with its retries) until one gives the MAR. */
  private Fetched fromSources(
      List<URI> sources,
      String expected,
      String target,
      long deadline,
      AtomicReference<URI> current,
      List<String> failures)
      throws FetchException {
    for (URI uri : sources) {
      current.set(uri);
      for (int attempt = 1; attempt <= attempts; attempt++) {
        try {
          return new Fetched(target, download(uri, expected, target, deadline), false);
        } catch (FetchException e) {
          if (Thread.currentThread().isInterrupted()) {
            throw e; // the caller stopped waiting (deadline) and has reported it
          }
          if (!e.retryable() || attempt == attempts) {
            failures.add("cannot fetch " + uri + ": " + e.getMessage());
            break;
          }
          sleep(backoffMillis << (attempt - 1));
        }
      }
    }
    throw new FetchException(String.join("; ", failures), false);
  }

  private long download(URI uri, String expectedSha512, String target, long deadline)
      throws FetchException {
    MessageDigest md = Digests.sha512();
    try (Storage.Staged staged = storage.stage(target)) {
      long size;
      try (InputStream in = open(uri, deadline);
          OutputStream out = staged.output()) {
        size = copyLimited(in, out, md);
      }
      String actual = Digests.hex(md.digest());
      if (!actual.equals(expectedSha512)) {
        throw new FetchException(
            "SHA-512 mismatch: expected " + expectedSha512 + ", got " + actual, false);
      }
      staged.commit(target, false);
      return size;
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new FetchException("interrupted", false, e);
      }
      // a source that did not answer in time is not asked again: the deadline is better spent on
      // the next mirror
      boolean timedOut = e instanceof HttpTimeoutException;
      throw new FetchException(
          FetchReasons.of(e, connectTimeoutMillis, answerTimeoutMillis), !timedOut, e);
    }
  }

  private long copyLimited(InputStream in, OutputStream out, MessageDigest md)
      throws IOException, FetchException {
    byte[] buf = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > maxBytes) {
        throw new FetchException("larger than the limit of " + maxBytes + " bytes", false);
      }
      md.update(buf, 0, n);
      out.write(buf, 0, n);
    }
    return total;
  }

  private InputStream open(URI uri, long deadline) throws IOException, FetchException {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") || scheme.equals("https")) {
      return openHttp(uri, deadline);
    }
    Path p = new Path(uri);
    if (!p.getFileSystem(storage.hadoopConf()).exists(p)) {
      throw new FetchException("not found", false);
    }
    return p.getFileSystem(storage.hadoopConf()).open(p);
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofMillis(connectTimeoutMillis))
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    }
    return http;
  }

  /**
   * GET with redirects followed by hand: the client's own redirect handling would ask the next
   * origin before anyone could check it, so each hop is checked against the allow-list first.
   */
  private InputStream openHttp(URI start, long deadline) throws IOException, FetchException {
    URI uri = start;
    for (int hop = 0; ; hop++) {
      long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      boolean cappedByDeadline = remaining < answerTimeoutMillis;
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofMillis(Math.max(1, Math.min(answerTimeoutMillis, remaining))))
              .GET()
              .build();
      HttpResponse<InputStream> response;
      try {
        response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpConnectTimeoutException e) {
        throw e;
      } catch (HttpTimeoutException e) {
        // the wait that ran out: the MAR's deadline, or this try's own timeout
        throw new FetchException(
            cappedByDeadline
                ? "timed out after " + FetchReasons.seconds(deadlineMillis)
                : "timed out after "
                    + FetchReasons.seconds(answerTimeoutMillis)
                    + " waiting for an answer",
            false,
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while fetching " + uri);
      }
      int status = response.statusCode();
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        response.body().close();
        if (hop == MAX_REDIRECTS) {
          throw new FetchException("more than " + MAX_REDIRECTS + " redirects", false);
        }
        String location = response.headers().firstValue("location").orElse(null);
        if (location == null) {
          throw new FetchException("HTTP " + status + " without a Location", false);
        }
        uri = policy.redirect(uri, location);
        continue;
      }
      if (status != 200) {
        response.body().close();
        boolean retry = status >= 500 || status == 408 || status == 429;
        throw new FetchException(
            "HTTP " + status + (uri.equals(start) ? "" : " from " + uri), retry);
      }
      long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
      if (declared > maxBytes) {
        response.body().close();
        throw new FetchException("larger than the limit of " + maxBytes + " bytes", false);
      }
      return response.body();
    }
  }

  private static void sleep(long millis) throws FetchException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("interrupted during backoff", false, e);
    }
  }
}
