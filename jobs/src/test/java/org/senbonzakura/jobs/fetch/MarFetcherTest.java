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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.config.ConfigLoader;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.jobs.storage.Storage;

class MarFetcherTest {
  @TempDir Path dir;

  private MarFetcher fetcher(long maxBytes, String... prefixes) throws Exception {
    return fetcher(Map.of("sbz.fetch.max-bytes", maxBytes), prefixes);
  }

  private MarFetcher fetcher(Map<String, Object> settings, String... prefixes) throws Exception {
    Map<String, Object> flags = new HashMap<>();
    flags.put("sbz.storage-root", dir.resolve("root").toString());
    flags.put("sbz.fetch.allow-url-prefixes", List.of(prefixes));
    flags.put("sbz.fetch.max-bytes", 1000);
    flags.put("sbz.fetch.attempts", 3);
    flags.put("sbz.fetch.backoff", "5ms");
    flags.putAll(settings);
    return new MarFetcher(new Storage(new Configuration()), ConfigLoader.load(null, flags));
  }

  private static String sha512(byte[] data) {
    return Digests.hex(Digests.sha512().digest(data));
  }

  private static byte[] read(MarFetcher.Fetched f) throws Exception {
    return Files.readAllBytes(Path.of(URI.create(f.location())));
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

  /** Issue #19, item 1: a refused connection says so (the JDK's exception has no message). */
  @Test
  void aRefusedConnectionSaysSoNeverNull() throws Exception {
    int port = LoopbackMirrors.closedPort();
    String dead = "http://127.0.0.1:" + port + "/b.mar";
    FetchException e =
        assertThrows(
            FetchException.class,
            () -> fetcher(1000, LoopbackMirrors.origin(port)).fetch(dead, sha512("x".getBytes())));
    assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
    assertFalse(e.getMessage().contains("null"), e.getMessage());
    assertTrue(e.getMessage().contains(dead), e.getMessage());
  }

  /**
   * Issue #19, item 1: every URL given for a hash is a mirror of one MAR; a dead one, a wrong one
   * (404, other bytes) and a refused one are passed over until one gives the right bytes.
   */
  @Test
  void everyMirrorOfAHashIsTriedUntilOneGivesTheRightBytes() throws Exception {
    byte[] data = "the one true mar".getBytes();
    try (LoopbackMirrors.Http live = new LoopbackMirrors.Http()) {
      live.serve("/good/b.mar", data, () -> {});
      live.serve("/other/b.mar", "not that mar".getBytes(), () -> {});
      int deadPort = LoopbackMirrors.closedPort();
      String dead = "http://127.0.0.1:" + deadPort + "/b.mar";
      String[] allowed = {LoopbackMirrors.origin(deadPort), LoopbackMirrors.origin(live.port())};
      List<String> urls =
          List.of(
              dead, live.url("/missing/b.mar"), live.url("/other/b.mar"), live.url("/good/b.mar"));
      MarFetcher.Fetched got = fetcher(1000, allowed).fetch(urls, sha512(data));
      assertArrayEquals(data, read(got));

      FetchException none =
          assertThrows(
              FetchException.class,
              () -> fetcher(1000, allowed).fetch(urls.subList(0, 3), sha512("absent".getBytes())));
      for (String reason : List.of("connection refused", "HTTP 404", "SHA-512 mismatch")) {
        assertTrue(none.getMessage().contains(reason), none.getMessage());
      }
    }
  }

  /**
   * Issue #19, item 2: a server inside the allow-list that redirects outside it is refused before
   * the outside origin hears a single request; redirects inside the list are followed, up to a cap.
   */
  @Test
  void aRedirectLeavingTheAllowListIsRefusedBeforeAnyRequestLeaves() throws Exception {
    byte[] data = "redirected mar".getBytes();
    try (LoopbackMirrors.Http inside = new LoopbackMirrors.Http();
        LoopbackMirrors.Http outside = new LoopbackMirrors.Http()) {
      outside.serve("/x.mar", data, () -> {});
      inside.redirect("/away.mar", 302, outside.url("/x.mar"));
      inside.redirect("/moved.mar", 301, "/m/x.mar");
      inside.serve("/m/x.mar", data, () -> {});
      inside.redirect("/loop.mar", 307, "/loop.mar");
      MarFetcher fetcher = fetcher(1000, LoopbackMirrors.origin(inside.port()));

      FetchException e =
          assertThrows(
              FetchException.class, () -> fetcher.fetch(inside.url("/away.mar"), sha512(data)));
      assertTrue(
          e.getMessage().contains(LoopbackMirrors.origin(outside.port()).replaceAll("/$", "")),
          e.getMessage());
      assertTrue(e.getMessage().contains("allow-list"), e.getMessage());
      assertEquals(0, outside.requests(), "the origin outside the allow-list was asked");

      assertArrayEquals(data, read(fetcher.fetch(inside.url("/moved.mar"), sha512(data))));

      FetchException loop =
          assertThrows(
              FetchException.class,
              () -> fetcher.fetch(inside.url("/loop.mar"), sha512("loop".getBytes())));
      assertTrue(loop.getMessage().contains("redirects"), loop.getMessage());
      assertEquals(0, outside.requests());
    }
  }

  /**
   * Issue #19, item 3: a mirror that accepts and never answers costs one deadline, not attempts x
   * timeout; a mirror that stalls halfway through the body too.
   */
  @Test
  @Timeout(60)
  void aMirrorThatNeverAnswersEndsAtTheDeadline() throws Exception {
    try (LoopbackMirrors.Silent silent = new LoopbackMirrors.Silent();
        LoopbackMirrors.Http stalling = new LoopbackMirrors.Http()) {
      byte[] data = new byte[200_000];
      stalling.stallHalfway("/half.mar", data);
      MarFetcher fetcher =
          fetcher(
              Map.of("sbz.fetch.deadline", "1500ms", "sbz.fetch.max-bytes", 1_000_000),
              LoopbackMirrors.origin(silent.port()),
              LoopbackMirrors.origin(stalling.port()));
      for (String url : List.of(silent.url("/b.mar"), stalling.url("/half.mar"))) {
        FetchException e =
            assertThrows(FetchException.class, () -> fetcher.fetch(url, sha512(data)), url);
        assertTrue(e.getMessage().contains("timed out after 1.5 s"), e.getMessage());
      }
      assertEquals(1, silent.connections(), "a source that did not answer is not asked again");
    }
  }

  /** A mirror that does not answer within the per-try timeout leaves time for the next one. */
  @Test
  @Timeout(60)
  void aSilentMirrorLeavesTheDeadlineToTheNext() throws Exception {
    byte[] data = "after the silent one".getBytes();
    try (LoopbackMirrors.Silent silent = new LoopbackMirrors.Silent();
        LoopbackMirrors.Http live = new LoopbackMirrors.Http()) {
      live.serve("/b.mar", data, () -> {});
      MarFetcher fetcher =
          fetcher(
              Map.of("sbz.fetch.deadline", "20s", "sbz.fetch.timeout", "1s"),
              LoopbackMirrors.origin(silent.port()),
              LoopbackMirrors.origin(live.port()));
      MarFetcher.Fetched got =
          fetcher.fetch(List.of(silent.url("/b.mar"), live.url("/b.mar")), sha512(data));
      assertArrayEquals(data, read(got));
      assertEquals(1, silent.connections());
    }
  }
}
