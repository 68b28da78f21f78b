/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import java.sql.Timestamp;
import java.util.List;

/**
 * Everything the run report shows, read from the Delta tables once, so rendering is a pure function
 * of this value (and testable without Spark).
 *
 * @param runs the last runs, newest first
 * @param sizes one point per finished partial whose complete (TO) MAR size is known
 * @param platformSizes partial and complete sizes summed by platform
 * @param failures the most recent failed requests, newest first
 * @param reasons failed requests counted by error text, most frequent first
 * @param totalFailed how many requests are failed in the results table
 */
public record ReportData(
    List<Run> runs,
    List<SizePoint> sizes,
    List<PlatformSizes> platformSizes,
    List<Failure> failures,
    List<Reason> reasons,
    long totalFailed) {

  /** One row of the run table. */
  public record Run(
      String runId,
      Timestamp startedAt,
      long wallMs,
      long requests,
      long done,
      long reused,
      long failed,
      long distinctPairs,
      long cacheHits,
      long diffsComputed,
      double l1HitRate,
      double l2HitRate,
      long fetchMs,
      long explodeMs,
      long pairsMs,
      long diffMs,
      long assembleMs,
      String generatorVersion) {}

  /** A partial's size against its complete MAR's size. */
  public record SizePoint(
      String platform,
      String locale,
      String fromVersion,
      String toVersion,
      long partialSize,
      long completeSize) {}

  /** Totals by platform. */
  public record PlatformSizes(
      String platform, long partials, long partialBytes, long completeBytes) {
    /** Partial bytes as a percentage of complete bytes. */
    public double percent() {
      return completeBytes == 0 ? 0 : 100.0 * partialBytes / completeBytes;
    }
  }

  /** One failed request. */
  public record Failure(
      String runId,
      String platform,
      String locale,
      String fromVersion,
      String toVersion,
      String error,
      Timestamp updatedAt) {}

  /** How many failed requests share one error text. */
  public record Reason(String error, long count) {}
}
