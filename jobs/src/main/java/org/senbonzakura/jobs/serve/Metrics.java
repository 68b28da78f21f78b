/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.senbonzakura.jobs.pipeline.RunStats;

/**
 * The service's counters, and their Prometheus text exposition (format 0.0.4): queue depth and
 * statuses (from the registry), runs and their failures, POST outcomes, the last run's phase times
 * and cache hit rates.
 */
final class Metrics {
  private final Map<String, AtomicLong> posts = new ConcurrentHashMap<>();
  final AtomicLong runs = new AtomicLong();
  final AtomicLong runFailures = new AtomicLong();
  final AtomicLong downloads = new AtomicLong();
  private volatile RunStats last;

  void post(String outcome) {
    posts.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
  }

  void lastRun(RunStats stats) {
    last = stats;
  }

  String render(Map<String, Integer> statuses, boolean running) {
    StringBuilder b = new StringBuilder();
    gauge(
        b,
        "sbz_queue_depth",
        "Requests queued or running.",
        null,
        statuses.get("queued") + statuses.get("running"));
    gauge(b, "sbz_run_in_progress", "1 while a pipeline run is going on.", null, running ? 1 : 0);
    b.append("# HELP sbz_partials Partials known to the service, by status.\n")
        .append("# TYPE sbz_partials gauge\n");
    statuses.forEach(
        (s, n) ->
            b.append("sbz_partials{status=\"").append(s).append("\"} ").append(n).append('\n'));
    counter(b, "sbz_runs_total", "Pipeline runs started by this service.", runs.get());
    counter(
        b, "sbz_run_failures_total", "Runs that ended with an error (retried).", runFailures.get());
    counter(b, "sbz_mar_downloads_total", "Partial MAR downloads served.", downloads.get());
    b.append("# HELP sbz_post_requests_total POST /partials answers, by outcome.\n")
        .append("# TYPE sbz_post_requests_total counter\n");
    new java.util.TreeMap<>(posts)
        .forEach(
            (o, n) ->
                b.append("sbz_post_requests_total{outcome=\"")
                    .append(o)
                    .append("\"} ")
                    .append(n.get())
                    .append('\n'));
    RunStats s = last;
    if (s != null) {
      b.append("# HELP sbz_last_run_phase_seconds Time per phase of the last run.\n")
          .append("# TYPE sbz_last_run_phase_seconds gauge\n");
      Map<String, Long> phases = new java.util.LinkedHashMap<>();
      phases.put("fetch", s.fetchMs);
      phases.put("explode", s.explodeMs);
      phases.put("pairs", s.pairsMs);
      phases.put("diff", s.diffMs);
      phases.put("assemble", s.assembleMs);
      phases.put("wall", s.wallMs);
      phases.forEach(
          (p, ms) ->
              b.append("sbz_last_run_phase_seconds{phase=\"")
                  .append(p)
                  .append("\"} ")
                  .append(ms / 1000.0)
                  .append('\n'));
      b.append("# HELP sbz_last_run_cache_hit_ratio Cache hit rates of the last run.\n")
          .append("# TYPE sbz_last_run_cache_hit_ratio gauge\n");
      b.append("sbz_last_run_cache_hit_ratio{cache=\"l1\"} ")
          .append(ratio(s.l1Hits, s.distinctMars))
          .append('\n');
      b.append("sbz_last_run_cache_hit_ratio{cache=\"l2\"} ")
          .append(ratio(s.cacheHits, s.distinctPairs))
          .append('\n');
    }
    return b.toString();
  }

  private static double ratio(long hits, long all) {
    return all == 0 ? 0 : (double) hits / all;
  }

  private static void gauge(StringBuilder b, String name, String help, String labels, long v) {
    b.append("# HELP ")
        .append(name)
        .append(' ')
        .append(help)
        .append('\n')
        .append("# TYPE ")
        .append(name)
        .append(" gauge\n")
        .append(name)
        .append(labels == null ? "" : labels)
        .append(' ')
        .append(v)
        .append('\n');
  }

  private static void counter(StringBuilder b, String name, String help, long v) {
    b.append("# HELP ")
        .append(name)
        .append(' ')
        .append(help)
        .append('\n')
        .append("# TYPE ")
        .append(name)
        .append(" counter\n")
        .append(name)
        .append(' ')
        .append(v)
        .append('\n');
  }
}
