/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * POST latency of sbz serve for a request it has already answered: N sequential POSTs of one body
 * (after a warm-up) on a keep-alive connection; prints p50, p99, max and the status codes seen.
 * The client is HttpURLConnection, which writes headers and body in one go: the JDK HttpClient
 * writes them separately, and on loopback its second small write then waits for the server's
 * delayed ACK (Nagle), which adds ~40 ms to every POST on the client side (both are printed).
 * Run with the JDK's source launcher: java PostLatency.java URL BODY.json N
 */
public final class PostLatency {
  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    String body = Files.readString(Path.of(args[1]));
    int n = Integer.parseInt(args[2]);
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    report("HttpURLConnection", n, () -> urlConnection(uri, bytes));
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest req =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    report("HttpClient", n, () -> http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
  }

  interface Post {
    int send() throws Exception;
  }

  static int urlConnection(URI uri, byte[] body) throws Exception {
    java.net.HttpURLConnection c = (java.net.HttpURLConnection) uri.toURL().openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    try (var out = c.getOutputStream()) {
      out.write(body);
    }
    int code = c.getResponseCode();
    try (var in = c.getInputStream()) {
      in.readAllBytes(); // read to the end, so the connection is kept alive
    }
    return code;
  }

  static void report(String client, int n, Post post) throws Exception {
    for (int i = 0; i < 100; i++) {
      post.send();
    }
    long[] ns = new long[n];
    int[] codes = new int[600];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      codes[post.send()]++;
      ns[i] = System.nanoTime() - t;
    }
    Arrays.sort(ns);
    System.out.printf(
        "%s: requests=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f status200=%d other=%d%n",
        client,
        n,
        ns[n / 2] / 1e6,
        ns[(int) Math.ceil(n * 0.99) - 1] / 1e6,
        ns[n - 1] / 1e6,
        codes[200],
        n - codes[200]);
  }
}
