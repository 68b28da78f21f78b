/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage "dedup": the distinct (old, new, algorithm) pairs over all requests (one shuffle), minus
 * those the patch cache (L2) already answers for this run. A pair shared by a hundred locales is
 * diffed once; a pair any earlier run diffed is not diffed again. A cached patch serves every
 * request; a cached "full wins" verdict only requests whose full entry is no larger than the size
 * it was given, so such a pair is missing again when this run has a larger full entry for it.
 */
final class DedupStage {
  private static final Logger LOG = LoggerFactory.getLogger(DedupStage.class);

  /** Distinct pairs over all requests, of them answered by the patch cache; wall time. */
  record Stats(long distinctPairs, long cacheHits, long ms) {}

  /**
   * @param missing the pairs to diff, largest (old + new size) first; {@code fullSize} is the
   *     largest compressed full entry of the pair over the run's requests
   */
  record Output(List<DiffTask.Pair> missing, Stats stats) {}

  private final StageContext ctx;

  DedupStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /** {@code candidates}: the pair stage's rows. */
  Output run(Dataset<Row> candidates) {
    long start = System.nanoTime();
    Dataset<Row> distinct =
        candidates
            .groupBy("old_sha256", "new_sha256", "algorithm_version")
            .agg(
                max("old_size").as("old_size"),
                max("new_size").as("new_size"),
                max("full_size").as("full_size"));
    Dataset<Row> cached =
        DeltaTables.readOrEmpty(ctx.spark(), ctx.config().patchCacheTable, TableSchemas.PATCH_CACHE)
            .select(
                col("old_sha256"),
                col("new_sha256"),
                col("algorithm_version"),
                col("outcome"),
                col("full_size").as("cached_full_size"));
    Dataset<Row> missing =
        distinct
            .join(cached, StageContext.seq("old_sha256", "new_sha256", "algorithm_version"), "left")
            .filter(
                col("outcome")
                    .isNull()
                    .or(
                        col("outcome")
                            .equalTo("full")
                            .and(
                                col("cached_full_size")
                                    .isNull()
                                    .or(col("cached_full_size").lt(col("full_size"))))))
            .drop("outcome", "cached_full_size");
    List<DiffTask.Pair> todo = new ArrayList<>();
    for (Row r : missing.collectAsList()) {
      todo.add(DiffTask.Pair.of(r));
    }
    long n = distinct.count();
    todo.sort(Comparator.comparingLong((DiffTask.Pair p) -> -(p.oldSize() + p.newSize())));
    Stats stats = new Stats(n, n - todo.size(), StageContext.msSince(start));
    LOG.info(
        "dedup: {} distinct pairs, {} in the patch cache, {} to diff ({} ms)",
        n,
        stats.cacheHits(),
        todo.size(),
        stats.ms());
    return new Output(todo, stats);
  }
}
