/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

/**
 * The Spark SQL behind the report, over the temporary views {@code runs}, {@code results} and
 * {@code mars}. Kept as plain SQL (the same dialect as the notebooks) so analysts can paste them.
 */
final class ReportQueries {
  private ReportQueries() {}

  static String lastRuns(int limit) {
    return "SELECT run_id, started_at, wall_ms, requests, done, reused, failed, distinct_pairs,"
        + " cache_hits, diffs_computed, l1_hit_rate, l2_hit_rate, fetch_ms, explode_ms, pairs_ms,"
        + " diff_ms, assemble_ms, generator_version FROM runs"
        + " ORDER BY started_at DESC, run_id DESC LIMIT "
        + limit;
  }

  static String sizes(int limit) {
    return "SELECT r.platform, r.locale, r.from_version, r.to_version, r.partial_size,"
        + " m.size AS complete_size FROM results r JOIN mars m ON m.mar_sha512 = r.to_sha512"
        + " WHERE r.status IN ('done', 'reused') AND r.partial_size IS NOT NULL"
        + " AND m.size IS NOT NULL"
        + " ORDER BY r.platform, r.locale, r.from_version, r.to_version LIMIT "
        + limit;
  }

  static String platformSizes() {
    return "SELECT r.platform, count(*) AS partials, sum(r.partial_size) AS partial_bytes,"
        + " sum(m.size) AS complete_bytes FROM results r JOIN mars m ON m.mar_sha512 = r.to_sha512"
        + " WHERE r.status IN ('done', 'reused') AND r.partial_size IS NOT NULL"
        + " AND m.size IS NOT NULL GROUP BY r.platform ORDER BY r.platform";
  }

  static String failures(int limit) {
    return "SELECT run_id, platform, locale, from_version, to_version, error, updated_at"
        + " FROM results WHERE status = 'failed'"
        + " ORDER BY updated_at DESC, platform, locale, from_version LIMIT "
        + limit;
  }

  static String reasons(int limit) {
    return "SELECT coalesce(error, '(no error text)') AS error, count(*) AS n FROM results"
        + " WHERE status = 'failed' GROUP BY 1 ORDER BY n DESC, error LIMIT "
        + limit;
  }

  static String totalFailed() {
    return "SELECT count(*) FROM results WHERE status = 'failed'";
  }
}
