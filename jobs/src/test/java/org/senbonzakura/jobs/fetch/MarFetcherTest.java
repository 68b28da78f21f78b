/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.config.ConfigLoader;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.jobs.storage.Storage;

class MarFetcherTest {
  @TempDir Path dir;

  private MarFetcher fetcher(long maxBytes, String... prefixes) throws Exception {
    JobConfig c =
        ConfigLoader.load(
            null,
            Map.of(
                "sbz.storage-root",
                dir.resolve("root").toString(),
                "sbz.fetch.allow-url-prefixes",
                List.of(prefixes),
                "sbz.fetch.max-bytes",
                maxBytes,
                "sbz.fetch.attempts",
                3,
                "sbz.fetch.backoff",
                "5ms"));
    return new MarFetcher(new Storage(new Configuration()), c);
  }

  private Path source(byte[] data) throws Exception {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    return Files.write(src.resolve("x.mar"), data);
  }

  @Test
  void fetchesOnceThenHitsTheStore() throws Exception {
    byte[] data = "a complete mar".getBytes();
    Path f = source(data);
    String sha = Digests.hex(Digests.sha512().digest(data));
    MarFetcher fetcher = fetcher(1000, dir.resolve("src").toUri().toString());
    MarFetcher.Fetched first = fetcher.fetch(f.toUri().toString(), sha.toUpperCase());
    assertFalse(first.cacheHit());
    assertEquals(data.length, first.size());
    assertArrayEquals(data, Files.readAllBytes(Path.of(URI.create(first.location()))));
    Files.delete(f);
    MarFetcher.Fetched second = fetcher.fetch(f.toUri().toString(), sha);
    assertTrue(second.cacheHit());
    assertEquals(first.location(), second.location());
  }

  @Test
  void aWrongHashOrSizeFailsAndLeavesNothingVisible() throws Exception {
    byte[] data = "a complete mar".getBytes();
    Path f = source(data);
    String wrong = Digests.hex(Digests.sha512().digest("other".getBytes()));
    MarFetcher fetcher = fetcher(1000, dir.resolve("src").toUri().toString());
    FetchException e =
        assertThrows(FetchException.class, () -> fetcher.fetch(f.toUri().toString(), wrong));
    assertTrue(e.getMessage().contains("SHA-512 mismatch"), e.getMessage());
    String sha = Digests.hex(Digests.sha512().digest(data));
    FetchException big =
        assertThrows(
            FetchException.class,
            () ->
                fetcher(4, dir.resolve("src").toUri().toString()).fetch(f.toUri().toString(), sha));
    assertTrue(big.getMessage().contains("larger than the limit"), big.getMessage());
    Files.createDirectories(dir.resolve("root"));
    try (Stream<Path> files = Files.walk(dir.resolve("root"))) {
      assertEquals(0, files.filter(Files::isRegularFile).count());
    }
  }

  @Test
  void httpRetriesTransientErrorsWithBackoff() throws Exception {
    byte[] data = "served over http".getBytes();
    AtomicInteger calls = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/m/",
        ex -> {
          if (calls.incrementAndGet() < 3) {
            ex.sendResponseHeaders(503, -1);
          } else {
            ex.sendResponseHeaders(200, data.length);
            ex.getResponseBody().write(data);
          }
          ex.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/m/";
      String sha = Digests.hex(Digests.sha512().digest(data));
      MarFetcher.Fetched got = fetcher(1000, base).fetch(base + "a.mar", sha);
      assertEquals(3, calls.get());
      assertArrayEquals(data, Files.readAllBytes(Path.of(URI.create(got.location()))));
      calls.set(-100);
      String other = Digests.hex(Digests.sha512().digest("x".getBytes()));
      FetchException e =
          assertThrows(
              FetchException.class, () -> fetcher(1000, base).fetch(base + "b.mar", other));
      assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
      assertEquals(-97, calls.get());
    } finally {
      server.stop(0);
    }
  }
}
