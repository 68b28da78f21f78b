/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.senbonzakura.jobs.pipeline.RunStats;

/**
 * What each notebook SQL cell must return on the tables of {@code PipelineRunFixture}: its columns
 * (what analysts' plots and follow-up cells rely on) and content derived from the runs' {@link
 * RunStats} and from the tables themselves, never from numbers written down by hand.
 */
final class NotebookExpectations {
  /** A cell's expected column names, in order, and a check of its rows. */
  record Expect(List<String> columns, Consumer<List<Row>> rows) {}

  /** What the pipeline runs left behind, read directly from the tables. */
  record Facts(
      List<RunStats> runs,
      List<Row> results,
      long patchPairs,
      long fileRows,
      long distinctBlobs,
      long failedMars) {
    List<Row> withStatus(Predicate<String> status) {
      return results.stream().filter(r -> status.test(r.getAs("status"))).toList();
    }

    List<Row> finished() {
      return withStatus(s -> s.equals("done") || s.equals("reused"));
    }

    List<Row> failed() {
      return withStatus(s -> s.equals("failed"));
    }

    long sumRuns(ToLongFunction<RunStats> f) {
      return runs.stream().mapToLong(f).sum();
    }
  }

  private NotebookExpectations() {}

  static Map<String, Expect> all(Facts f) {
    Map<String, Expect> m = new HashMap<>();
    List<RunStats> runs = f.runs();
    List<String> runIds = runs.stream().map(s -> s.runId).toList();
    List<Row> finished = f.finished();
    List<Row> failed = f.failed();

    // 01 cache hit rates
    m.put(
        "per_run",
        expect(
            "run_id started_at distinct_mars mars_fetched l1_hit_pct distinct_pairs cache_hits"
                + " diffs_computed l2_hit_pct",
            rows -> {
              assertEquals(runIds, column(rows, "run_id"));
              for (int i = 0; i < runs.size(); i++) {
                RunStats s = runs.get(i);
                assertEquals(s.cacheHits, num(rows.get(i), "cache_hits"));
                assertEquals(s.marsFetched, num(rows.get(i), "mars_fetched"));
                assertEquals(
                    pct(s.cacheHits, s.distinctPairs),
                    ((Number) rows.get(i).getAs("l2_hit_pct")).doubleValue(),
                    1e-9);
              }
            }));
    m.put(
        "per_layer",
        expect(
            "layer hits lookups hit_pct",
            rows -> {
              assertEquals(2, rows.size());
              Row l1 = rows.get(0);
              Row l2 = rows.get(1);
              assertEquals(f.sumRuns(s -> s.distinctMars - s.marsFetched), num(l1, "hits"));
              assertEquals(f.sumRuns(s -> s.distinctMars), num(l1, "lookups"));
              assertEquals(f.sumRuns(s -> s.cacheHits), num(l2, "hits"));
              assertEquals(f.sumRuns(s -> s.distinctPairs), num(l2, "lookups"));
            }));
    m.put(
        "per_request_layer",
        expect(
            "run_id requests l1_hits l1_misses l1_hit_pct l2_hits l2_misses l2_hit_pct",
            rows -> {
              assertEquals(f.results().size(), sum(rows, "requests"));
              assertEquals(distinct(f.results(), "run_id"), Set.copyOf(column(rows, "run_id")));
            }));

    // 02 partial sizes
    m.put(
        "by_platform",
        expect(
            "platform partials partial_bytes complete_bytes partial_pct_of_complete",
            rows -> {
              assertEquals(distinct(finished, "platform"), Set.copyOf(column(rows, "platform")));
              assertEquals(finished.size(), sum(rows, "partials"));
              assertEquals(sum(finished, "partial_size"), sum(rows, "partial_bytes"));
            }));
    m.put(
        "by_locale",
        expect(
            "platform locale from_version to_version partial_size complete_size"
                + " partial_pct_of_complete",
            rows -> {
              assertEquals(finished.size(), rows.size());
              for (Row r : rows) {
                assertTrue(num(r, "partial_size") < num(r, "complete_size"), r.toString());
              }
            }));
    m.put(
        "worst_ratio",
        expect(
            "locale partials avg_partial_pct largest_partial",
            rows ->
                assertEquals(distinct(finished, "locale"), Set.copyOf(column(rows, "locale")))));

    // 03 slowest phases and pairs
    m.put(
        "phases",
        expect(
            "run_id started_at wall_s fetch_s explode_s pairs_s diff_s assemble_s",
            rows -> assertEquals(runIds, column(rows, "run_id"))));
    m.put(
        "phase_share",
        expect(
            "phase total_s pct",
            rows ->
                assertEquals(
                    Set.of("fetch", "explode", "pairs", "diff", "assemble"),
                    Set.copyOf(column(rows, "phase")))));
    m.put(
        "slowest_requests",
        expect(
            "platform locale from_version to_version status total_ms fetch_ms explode_ms diff_ms"
                + " assemble_ms run_id",
            rows -> assertEquals(Math.min(20, f.results().size()), rows.size())));
    m.put(
        "slowest_pairs",
        expect(
            "old_sha256 new_sha256 algorithm_version outcome old_size new_size patch_size"
                + " full_size diff_ms mib_per_s",
            rows -> assertEquals(Math.min(20, f.patchPairs()), rows.size())));
    m.put(
        "slowest_pair_paths",
        expect(
            "diff_ms new_size path mars",
            rows -> {
              assertFalse(rows.isEmpty(), "every cached pair's new file is in some MAR");
              rows.forEach(r -> assertTrue(num(r, "mars") >= 1, r.toString()));
            }));

    // 04 failures
    m.put(
        "failed_runs",
        expect(
            "run_id started_at requests done reused failed diffs_failed",
            rows -> {
              List<String> want =
                  new ArrayList<>(
                      runs.stream()
                          .filter(s -> s.failed > 0 || s.diffsFailed > 0)
                          .map(s -> s.runId)
                          .toList());
              Collections.reverse(want); // newest first
              assertEquals(want, column(rows, "run_id"));
            }));
    m.put(
        "reasons",
        expect(
            "reason requests example",
            rows -> {
              assertEquals(failed.size(), sum(rows, "requests"));
              assertTrue(
                  distinct(failed, "error").containsAll(column(rows, "example")),
                  "each example is a real error text");
            }));
    m.put(
        "by_platform_locale",
        expect(
            "platform locale failed",
            rows -> {
              assertEquals(failed.size(), sum(rows, "failed"));
              assertEquals(distinct(failed, "locale"), Set.copyOf(column(rows, "locale")));
            }));
    m.put(
        "failed_requests",
        expect(
            "updated_at run_id platform locale from_version to_version error request_id",
            rows -> {
              assertEquals(distinct(failed, "request_id"), Set.copyOf(column(rows, "request_id")));
              assertEquals(failed.size(), rows.size());
              assertEquals(distinct(failed, "error"), Set.copyOf(column(rows, "error")));
            }));
    m.put(
        "failed_mars",
        expect(
            "mar_sha512 status error run_id", rows -> assertEquals(f.failedMars(), rows.size())));

    // 05 savings
    m.put(
        "avoided",
        expect(
            "run_id started_at changed_pairs distinct_pairs avoided_by_dedup avoided_by_cache"
                + " diffs_computed pct_avoided",
            rows -> {
              assertEquals(runIds, column(rows, "run_id"));
              for (int i = 0; i < runs.size(); i++) {
                RunStats s = runs.get(i);
                assertEquals(s.changedPairs, num(rows.get(i), "changed_pairs"));
                assertEquals(
                    s.changedPairs - s.distinctPairs, num(rows.get(i), "avoided_by_dedup"));
                assertEquals(s.cacheHits, num(rows.get(i), "avoided_by_cache"));
              }
            }));
    m.put(
        "avoided_total",
        expect(
            "changed_pairs avoided_by_dedup avoided_by_cache diffs_computed"
                + " requests_served_per_diff",
            rows -> {
              assertEquals(1, rows.size());
              assertEquals(f.sumRuns(s -> s.changedPairs), num(rows.get(0), "changed_pairs"));
              assertEquals(f.sumRuns(s -> s.diffsComputed), num(rows.get(0), "diffs_computed"));
              assertEquals(f.sumRuns(s -> s.cacheHits), num(rows.get(0), "avoided_by_cache"));
            }));
    m.put(
        "pair_sharing",
        expect(
            "old_sha256 new_sha256 outcome diff_ms mars_with_new_file",
            rows -> {
              assertEquals(Math.min(20, f.patchPairs()), rows.size());
              // the golden files are in every TO MAR, so the top pair is shared
              assertTrue(num(rows.get(0), "mars_with_new_file") > 1, rows.get(0).toString());
            }));
    m.put(
        "patch_bytes",
        expect(
            "outcome pairs stored_bytes full_file_bytes bytes_saved diff_ms",
            rows -> assertEquals(f.patchPairs(), sum(rows, "pairs"))));
    m.put(
        "blob_sharing",
        expect(
            "file_rows distinct_blobs bytes_if_stored_per_mar bytes_stored",
            rows -> {
              assertEquals(1, rows.size());
              assertEquals(f.fileRows(), num(rows.get(0), "file_rows"));
              assertEquals(f.distinctBlobs(), num(rows.get(0), "distinct_blobs"));
            }));
    return m;
  }

  private static Expect expect(String columns, Consumer<List<Row>> rows) {
    return new Expect(List.of(columns.split(" ")), rows);
  }

  private static double pct(long part, long whole) {
    return whole == 0 ? 0 : Math.round(100 * ((double) part / whole) * 10) / 10.0;
  }

  static long num(Row r, String column) {
    return ((Number) r.getAs(column)).longValue();
  }

  private static long sum(List<Row> rows, String column) {
    return rows.stream().mapToLong(r -> num(r, column)).sum();
  }

  private static List<Object> column(List<Row> rows, String column) {
    return rows.stream().map(r -> r.getAs(column)).map(Object.class::cast).toList();
  }

  private static Set<Object> distinct(List<Row> rows, String column) {
    return rows.stream()
        .map(r -> r.getAs(column))
        .map(Object.class::cast)
        .collect(Collectors.toSet());
  }
}
