/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The counters of one run: its row in the runs table and its end-of-run summary. The pipeline makes
 * it once, at the end, from the values its stages returned ({@link #of}); the service also fills
 * one from a runs-table row, hence the plain fields.
 */
public final class RunStats {
  public String runId;
  public Timestamp startedAt;
  public long wallMs;
  public long requests;
  public long invalid;
  public long done;
  public long reused;
  public long failed;
  public long distinctMars;
  public long l1Hits;
  public long marsFetched;
  public long fileRows;
  public long changedPairs;
  public long distinctPairs;
  public long cacheHits;
  public long diffsComputed;
  public long diffsFailed;
  public long fetchMs;
  public long explodeMs;
  public long pairsMs;
  public long diffMs;
  public long assembleMs;

  /** The generator version of the run (it follows the differ's mode). */
  public String generatorVersion = Versions.GENERATOR;

  /** The run's counters and per-phase times, from the values its stages returned. */
  static RunStats of(
      String runId,
      Timestamp startedAt,
      long wallMs,
      String generatorVersion,
      RequestsStage.Stats requests,
      ComputeStats stages,
      ResultsStage.Stats results) {
    FetchStage.Stats fetch = stages.fetch();
    ExplodeStage.Stats explode = stages.explode();
    PairStage.Stats pair = stages.pair();
    DedupStage.Stats dedup = stages.dedup();
    DiffStage.Stats diff = stages.diff();
    AssembleStage.Stats assemble = stages.assemble();
    RunStats s = new RunStats();
    s.runId = runId;
    s.startedAt = startedAt;
    s.wallMs = wallMs;
    s.generatorVersion = generatorVersion;
    s.requests = requests.requests();
    s.invalid = requests.invalid();
    s.done = results.done();
    s.reused = results.reused();
    s.failed = results.failed();
    s.distinctMars = fetch.distinctMars();
    s.l1Hits = fetch.l1Hits();
    s.marsFetched = fetch.fetched();
    s.fileRows = explode.fileRows();
    s.changedPairs = pair.changedPairs();
    s.distinctPairs = dedup.distinctPairs();
    s.cacheHits = dedup.cacheHits();
    s.diffsComputed = diff.computed();
    s.diffsFailed = diff.failed();
    s.fetchMs = fetch.ms();
    s.explodeMs = explode.ms();
    // the runs table's "pairs" phase is finding the pairs and deduplicating them
    s.pairsMs = pair.ms() + dedup.ms();
    s.diffMs = diff.ms();
    s.assembleMs = assemble.ms();
    return s;
  }

  Row toRow() {
    return RowFactory.create(
        runId,
        startedAt,
        wallMs,
        requests,
        done,
        reused,
        failed,
        distinctMars,
        marsFetched,
        fileRows,
        changedPairs,
        distinctPairs,
        cacheHits,
        diffsComputed,
        diffsFailed,
        rate(l1Hits, distinctMars),
        rate(cacheHits, distinctPairs),
        fetchMs,
        explodeMs,
        pairsMs,
        diffMs,
        assembleMs,
        generatorVersion);
  }

  private static double rate(long hits, long total) {
    return total == 0 ? 0.0 : (double) hits / total;
  }

  /** The one-screen summary printed at the end of a run. */
  public String summary() {
    return String.join(
        "\n",
        "sbz run " + runId + " (" + generatorVersion + ")",
        String.format(
            "  requests        %d: %d done, %d reused, %d failed", requests, done, reused, failed),
        String.format(
            "  complete MARs   %d distinct, %d in L1 already (%.0f%%), %d fetched",
            distinctMars, l1Hits, 100 * rate(l1Hits, distinctMars), marsFetched),
        String.format("  file rows       %d exploded this run", fileRows),
        String.format(
            "  pairs           %d changed in all requests -> %d distinct (dedup %.1fx)",
            changedPairs,
            distinctPairs,
            distinctPairs == 0 ? 1.0 : (double) changedPairs / distinctPairs),
        String.format(
            "  diffs           %d computed, %d from the patch cache (%.0f%%), %d failed",
            diffsComputed, cacheHits, 100 * rate(cacheHits, distinctPairs), diffsFailed),
        String.format(
            "  time (ms)       fetch %d, explode %d, pairs %d, diff %d, assemble %d, wall %d",
            fetchMs, explodeMs, pairsMs, diffMs, assembleMs, wallMs));
  }
}
