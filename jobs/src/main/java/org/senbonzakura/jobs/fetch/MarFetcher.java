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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.jobs.storage.Storage;

/**
 * The L1 layer: fetches a complete MAR once and keeps it under {@code mars/<sha512>.mar}, so later
 * runs (and every request sharing the MAR) reuse it. A download is checked against its allow-list,
 * size limit and expected SHA-512 before it becomes visible; transient failures are retried with
 * exponential backoff.
 */
public final class MarFetcher implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Storage storage;
  private final UrlPolicy policy;
  private final String marsDir;
  private final long maxBytes;
  private final int attempts;
  private final long backoffMillis;
  private final long timeoutMillis;

  public MarFetcher(Storage storage, JobConfig config) {
    this.storage = storage;
    this.policy = new UrlPolicy(config.allowUrlPrefixes);
    this.marsDir = config.marsDir;
    this.maxBytes = config.fetchMaxBytes;
    this.attempts = config.fetchAttempts;
    this.backoffMillis = config.fetchBackoffMillis;
    this.timeoutMillis = config.fetchTimeoutMillis;
  }

  /** Where a verified MAR with this SHA-512 lives in L1. */
  public String locationOf(String sha512) {
    return Storage.contentAddressed(marsDir, sha512.toLowerCase(Locale.ROOT), ".mar");
  }

  /** The outcome: where the MAR is, and whether L1 already had it. */
  public record Fetched(String location, long size, boolean cacheHit) implements Serializable {}

  /** Returns the MAR in L1, downloading it first if needed. */
  public Fetched fetch(String url, String sha512) throws FetchException {
    String expected = sha512.toLowerCase(Locale.ROOT);
    String target = locationOf(expected);
    URI uri = policy.check(url);
    try {
      long have = storage.length(target);
      if (have >= 0) {
        return new Fetched(target, have, true);
      }
    } catch (IOException e) {
      throw new FetchException("cannot read the MAR store: " + e.getMessage(), true, e);
    }
    FetchException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        long size = download(uri, expected, target);
        return new Fetched(target, size, false);
      } catch (FetchException e) {
        last = e;
        if (!e.retryable() || attempt == attempts) {
          break;
        }
        sleep(backoffMillis << (attempt - 1));
      }
    }
    throw last;
  }

  private long download(URI uri, String expectedSha512, String target) throws FetchException {
    MessageDigest md = Digests.sha512();
    try (Storage.Staged staged = storage.stage(target)) {
      long size;
      try (InputStream in = open(uri);
          OutputStream out = staged.output()) {
        size = copyLimited(in, out, md, uri);
      }
      String actual = Digests.hex(md.digest());
      if (!actual.equals(expectedSha512)) {
        throw new FetchException(
            "SHA-512 mismatch for " + uri + ": expected " + expectedSha512 + ", got " + actual,
            false);
      }
      staged.commit(target, false);
      return size;
    } catch (IOException e) {
      throw new FetchException("cannot fetch " + uri + ": " + e.getMessage(), true, e);
    }
  }

  private long copyLimited(InputStream in, OutputStream out, MessageDigest md, URI uri)
      throws IOException, FetchException {
    byte[] buf = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > maxBytes) {
        throw new FetchException(
            uri + " is larger than the limit of " + maxBytes + " bytes", false);
      }
      md.update(buf, 0, n);
      out.write(buf, 0, n);
    }
    return total;
  }

  private InputStream open(URI uri) throws IOException, FetchException {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") || scheme.equals("https")) {
      return openHttp(uri);
    }
    Path p = new Path(uri);
    if (!p.getFileSystem(storage.hadoopConf()).exists(p)) {
      throw new FetchException("not found: " + uri, false);
    }
    return p.getFileSystem(storage.hadoopConf()).open(p);
  }

  private InputStream openHttp(URI uri) throws IOException, FetchException {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofMillis(timeoutMillis))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(timeoutMillis)).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while fetching " + uri);
    }
    int status = response.statusCode();
    if (status != 200) {
      response.body().close();
      boolean retry = status >= 500 || status == 408 || status == 429;
      throw new FetchException("HTTP " + status + " for " + uri, retry);
    }
    long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
    if (declared > maxBytes) {
      response.body().close();
      throw new FetchException(uri + " is larger than the limit of " + maxBytes + " bytes", false);
    }
    return response.body();
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
