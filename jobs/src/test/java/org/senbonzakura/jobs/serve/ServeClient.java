/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.senbonzakura.jobs.GoldenLocales;

/**
 * The tests' HTTP client of the service (the JDK's {@link HttpClient}) and the request bodies they
 * send: the golden {@code partial-small} pair by {@code file:} URL, one "locale" per request.
 */
public final class ServeClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  public ServeClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A POST body for the golden pair as {@code locale}, to version {@code toVersion}. */
  public static ObjectNode body(String locale, String toVersion) throws IOException {
    Path a = GoldenLocales.golden().resolve("a.complete.mar");
    Path b = GoldenLocales.golden().resolve("b.complete.mar");
    ObjectNode o = JSON.createObjectNode();
    o.put("product", "firefox");
    o.put("platform", "linux-x86_64");
    o.put("locale", locale);
    o.put("from_version", "1.0");
    o.put("to_version", toVersion);
    o.put("from_url", a.toUri().toString());
    o.put("to_url", b.toUri().toString());
    o.put("from_sha512", GoldenLocales.sha512(a));
    o.put("to_sha512", GoldenLocales.sha512(b));
    o.put("channel", "release");
    return o;
  }

  public HttpResponse<String> post(String path, String body, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofMinutes(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, JsonNode body) throws Exception {
    return post(path, JSON.writeValueAsString(body), null);
  }

  public HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(20)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path) throws Exception {
    return get(path, null);
  }

  public HttpResponse<byte[]> bytes(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  public HttpResponse<String> delete(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Polls (with ?wait) until the partial is terminal; fails after {@code minutes}. */
  public JsonNode awaitTerminal(String id, int minutes) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
    while (true) {
      JsonNode v = JSON.readTree(get("/partials/" + id + "?wait=30").body());
      String s = v.path("status").asText();
      if (s.equals("done") || s.equals("failed") || s.equals("withdrawn")) {
        return v;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("partial " + id + " still " + v + " after " + minutes + " min");
      }
    }
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }
}
