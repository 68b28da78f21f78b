/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableRecords;
import org.senbonzakura.jobs.tables.TableSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Stage "diff": diffs the pairs the dedup stage found missing ({@link DiffTask} on the executors)
 * and MERGEs their entries into the patch cache as soon as they are done, so a run killed later
 * finds them. The pairs, already sorted largest first, are dealt round-robin to the partitions so
 * that the largest ones start first and spread over the executors. A failed pair is returned with
 * its reason: it fails only the requests that need it. Returns every patch-cache entry of the run,
 * the cached ones the dedup stage found and the new ones, so nobody reads the table back.
 */
final class DiffStage {
  private static final Logger LOG = LoggerFactory.getLogger(DiffStage.class);

  /** Pairs diffed and stored, pairs failed, Delta commit races lost and retried; wall time. */
  record Stats(long computed, long failed, int racesRetried, long ms) {}

  /** A pair that could not be diffed, and why. */
  record PairError(String oldSha256, String newSha256, String error)
      implements java.io.Serializable {}

  /**
   * @param patches the patch-cache entries of all the run's pairs that have one
   * @param errors the pairs that could not be diffed
   */
  record Output(Dataset<PatchEntry> patches, List<PairError> errors, Stats stats) {}

  private final StageContext ctx;

  DiffStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /**
   * @param missing the dedup stage's pairs to diff, largest first
   * @param cached the dedup stage's patch-cache entries for the run's other pairs
   */
  Output run(List<DiffTask.Pair> missing, Dataset<PatchEntry> cached) {
    long start = System.nanoTime();
    List<PairError> errors = new ArrayList<>();
    List<PatchEntry> made = new ArrayList<>();
    int races = 0;
    if (!missing.isEmpty()) {
      int slots = Math.max(1, Math.min(ctx.parallelism(), missing.size()));
      List<Tuple2<Integer, String[]>> keyed = new ArrayList<>(missing.size());
      for (int i = 0; i < missing.size(); i++) {
        keyed.add(new Tuple2<>(i % slots, missing.get(i).encode()));
      }
      JavaPairRDD<Integer, String[]> spread =
          JavaPairRDD.fromJavaRDD(
                  new JavaSparkContext(ctx.spark().sparkContext()).parallelize(keyed, slots))
              .partitionBy(new HashPartitioner(slots));
      for (DiffTask.Diffed d :
          spread.mapPartitions(new DiffTask(ctx.config(), ctx.storage(), ctx.runId())).collect()) {
        if (d.entry() != null) {
          made.add(d.entry());
        } else {
          errors.add(d.error());
        }
      }
    }
    Dataset<PatchEntry> diffed = ctx.spark().createDataset(made, Encoders.bean(PatchEntry.class));
    if (!made.isEmpty()) {
      races =
          DeltaTables.merge(
                  ctx.spark(),
                  ctx.config().patchCacheTable,
                  TableSchemas.PATCH_CACHE,
                  TableRecords.toTable(diffed, TableSchemas.PATCH_CACHE),
                  TableSchemas.PATCH_CACHE_KEYS,
                  true)
              .racesRetried();
    }
    Stats stats = new Stats(made.size(), errors.size(), races, StageContext.msSince(start));
    LOG.info("diff: {} computed, {} failed ({} ms)", made.size(), errors.size(), stats.ms());
    return new Output(cached.unionByName(diffed), errors, stats);
  }
}
