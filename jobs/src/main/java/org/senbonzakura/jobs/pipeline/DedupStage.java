/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableRecords;
import org.senbonzakura.jobs.tables.TableSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage "dedup": the distinct (old, new, algorithm) pairs over all requests (one shuffle), minus
 * those the patch cache (L2) already answers for this run. A pair shared by a hundred locales is
 * diffed once; a pair any earlier run diffed is not diffed again. A cached patch serves every
 * request; a cached "full wins" verdict only requests whose full entry is no larger than the size
 * it was given, so such a pair is missing again when this run has a larger full entry for it. The
 * patch cache is read here only, once per run: the entries that answer the run's pairs are
 * returned, and the diff stage adds the ones it makes.
 */
final class DedupStage {
  private static final Logger LOG = LoggerFactory.getLogger(DedupStage.class);

  private static final String[] PAIR_KEYS = {"oldSha256", "newSha256", "algorithmVersion"};

  /** Distinct pairs over all requests, of them answered by the patch cache; wall time. */
  record Stats(long distinctPairs, long cacheHits, long ms) {}

  /**
   * @param missing the pairs to diff, largest (old + new size) first; {@code fullSize} is the
   *     largest compressed full entry of the pair over the run's requests
   * @param cached the patch-cache entries that answer the run's other pairs
   */
  record Output(List<DiffTask.Pair> missing, Dataset<PatchEntry> cached, Stats stats) {}

  private final StageContext ctx;

  DedupStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /** {@code candidates}: the pair stage's records. */
  Output run(Dataset<ChangedPair> candidates) {
    long start = System.nanoTime();
    Dataset<Row> distinct =
        candidates
            .groupBy(PAIR_KEYS[0], PAIR_KEYS[1], PAIR_KEYS[2])
            .agg(
                max("oldSize").as("runOldSize"),
                max("newSize").as("runNewSize"),
                max("fullSize").as("runFullSize"));
    Dataset<Row> cache =
        TableRecords.properties(
            DeltaTables.readOrEmpty(
                ctx.spark(), ctx.config().patchCacheTable, TableSchemas.PATCH_CACHE));
    Dataset<Row> joined =
        distinct
            .join(cache, StageContext.seq(PAIR_KEYS), "left")
            .withColumn(
                "missing",
                col("outcome")
                    .isNull()
                    .or(
                        col("outcome")
                            .equalTo("full")
                            .and(
                                col("fullSize")
                                    .isNull()
                                    .or(col("fullSize").lt(col("runFullSize"))))))
            .transform(ctx::durable);
    // the count and the missing pairs in one job
    Row summary =
        joined
            .agg(
                count(lit(1)),
                collect_list(
                    when(
                        col("missing"),
                        struct(
                            col("oldSha256"),
                            col("newSha256"),
                            col("algorithmVersion"),
                            col("runOldSize"),
                            col("runNewSize"),
                            col("runFullSize")))))
            .first();
    long n = summary.getLong(0);
    List<DiffTask.Pair> todo = new ArrayList<>();
    for (Row r : summary.<Row>getList(1)) {
      todo.add(
          new DiffTask.Pair(
              r.getString(0),
              r.getString(1),
              r.getString(2),
              r.getLong(3),
              r.getLong(4),
              r.getLong(5)));
    }
    todo.sort(Comparator.comparingLong((DiffTask.Pair p) -> -(p.oldSize() + p.newSize())));
    Encoder<PatchEntry> entry = Encoders.bean(PatchEntry.class);
    Dataset<PatchEntry> cached =
        joined
            .filter(not(col("missing")))
            .select(
                Arrays.stream(entry.schema().fieldNames()).map(c -> col(c)).toArray(Column[]::new))
            .as(entry);
    Stats stats = new Stats(n, n - todo.size(), StageContext.msSince(start));
    LOG.info(
        "dedup: {} distinct pairs, {} in the patch cache, {} to diff ({} ms)",
        n,
        stats.cacheHits(),
        todo.size(),
        stats.ms());
    return new Output(todo, cached, stats);
  }
}
