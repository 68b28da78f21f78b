/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage "pair": per request, the (old file, new file) pairs that need a diff, as the shared planner
 * decides ({@link CandidateTask}). Only digests and sizes travel, never bytes; pairs are not yet
 * deduplicated (that is {@link DedupStage}), since assembly needs each request's own.
 */
final class PairStage {
  private static final Logger LOG = LoggerFactory.getLogger(PairStage.class);

  /** Changed pairs over all requests (with repeats across requests); wall time. */
  record Stats(long changedPairs, long ms) {}

  /**
   * @param candidates one record per request and changed path
   */
  record Output(Dataset<ChangedPair> candidates, Stats stats) {}

  private final StageContext ctx;

  PairStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /** {@code ready}: requests with both file listings (the attach stage's output). */
  Output run(Dataset<ReadyRequest> ready) {
    long start = System.nanoTime();
    Dataset<ChangedPair> candidates =
        ready
            .flatMap(new CandidateTask(ctx.algorithm()), Encoders.bean(ChangedPair.class))
            .transform(ctx::durable);
    long n = candidates.count();
    Stats stats = new Stats(n, StageContext.msSince(start));
    LOG.info("pairs: {} changed pairs in all requests ({} ms)", n, stats.ms());
    return new Output(candidates, stats);
  }
}
