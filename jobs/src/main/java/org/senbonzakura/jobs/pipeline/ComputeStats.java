/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

/**
 * The statistics the stages from fetch to assemble returned, as one value: the pipeline hands it to
 * {@link RunStats#of} whole, so the list of stages lives here only.
 */
record ComputeStats(
    FetchStage.Stats fetch,
    ExplodeStage.Stats explode,
    PairStage.Stats pair,
    DedupStage.Stats dedup,
    DiffStage.Stats diff,
    AssembleStage.Stats assemble) {

  /** What the stages report when a run has no request left to compute. */
  static ComputeStats none() {
    return new ComputeStats(
        new FetchStage.Stats(0, 0, 0, 0, 0),
        new ExplodeStage.Stats(0, 0, 0, 0, 0),
        new PairStage.Stats(0, 0),
        new DedupStage.Stats(0, 0, 0),
        new DiffStage.Stats(0, 0, 0, 0),
        new AssembleStage.Stats(0, 0, 0, 0));
  }
}
