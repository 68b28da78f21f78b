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
 * (after a warm-up), one keep-alive HttpClient; prints p50, p99, max and the status codes seen.
 * Run with the JDK's source launcher: java PostLatency.java URL BODY.json N
 */
public final class PostLatency {
  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    String body = Files.readString(Path.of(args[1]));
    int n = Integer.parseInt(args[2]);
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest req =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    for (int i = 0; i < 100; i++) {
      http.send(req, HttpResponse.BodyHandlers.discarding());
    }
    long[] ns = new long[n];
    int[] codes = new int[600];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      ns[i] = System.nanoTime() - t;
      codes[r.statusCode()]++;
    }
    Arrays.sort(ns);
    System.out.printf(
        "requests=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f status200=%d other=%d%n",
        n,
        ns[n / 2] / 1e6,
        ns[(int) Math.ceil(n * 0.99) - 1] / 1e6,
        ns[n - 1] / 1e6,
        codes[200],
        n - codes[200]);
  }
}
