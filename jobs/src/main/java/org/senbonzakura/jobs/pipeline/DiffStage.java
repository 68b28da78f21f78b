/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Stage "diff": diffs the pairs the dedup stage found missing ({@link DiffTask} on the executors)
 * and MERGEs their rows into the patch cache as soon as they are done, so a run killed later finds
 * them. The pairs, already sorted largest first, are dealt round-robin to the partitions so that
 * the largest ones start first and spread over the executors. A failed pair is returned with its
 * reason: it fails only the requests that need it.
 */
final class DiffStage {
  private static final Logger LOG = LoggerFactory.getLogger(DiffStage.class);

  /** Pairs diffed and stored, pairs failed; wall time. */
  record Stats(long computed, long failed, long ms) {}

  /** A pair that could not be diffed, and why. */
  record PairError(String oldSha256, String newSha256, String error) {}

  record Output(List<PairError> errors, Stats stats) {}

  private final StageContext ctx;

  DiffStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /** {@code missing}: the dedup stage's pairs, largest first. */
  Output run(List<DiffTask.Pair> missing) {
    long start = System.nanoTime();
    List<PairError> errors = new ArrayList<>();
    long computed = 0;
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
      List<Row> diffed =
          spread.mapPartitions(new DiffTask(ctx.config(), ctx.storage(), ctx.runId())).collect();
      List<Row> ok = new ArrayList<>();
      for (Row r : diffed) {
        int error = r.length() - 1; // rows from an RDD carry no schema
        if (r.isNullAt(error)) {
          ok.add(RowFactory.create(Arrays.copyOf(values(r), error)));
        } else {
          errors.add(new PairError(r.getString(0), r.getString(1), r.getString(error)));
        }
      }
      computed = ok.size();
      DeltaTables.merge(
          ctx.spark(),
          ctx.config().patchCacheTable,
          TableSchemas.PATCH_CACHE,
          ctx.spark().createDataFrame(ok, TableSchemas.PATCH_CACHE),
          TableSchemas.PATCH_CACHE_KEYS,
          true);
    }
    Stats stats = new Stats(computed, errors.size(), StageContext.msSince(start));
    LOG.info("diff: {} computed, {} failed ({} ms)", computed, errors.size(), stats.ms());
    return new Output(errors, stats);
  }

  private static Object[] values(Row r) {
    Object[] v = new Object[r.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.get(i);
    }
    return v;
  }
}
