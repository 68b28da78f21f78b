/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * The dedup stage on a handful of candidate rows: a pair shared by requests is diffed once (with
 * the largest full size of its requests), a cached patch is a hit, a cached "full wins" verdict is
 * a hit only for requests whose full entry is no larger than the size it holds for, and what is
 * left comes largest first.
 */
class DedupStageTest {
  private static final String ALGO = "test-algo";

  private static ChangedPair candidate(
      String request, String path, String old, String neu, long size, long full) {
    return ChangedPair.of(request, path, old, neu, ALGO, size, size, full);
  }

  private static Row cached(String old, String neu, String outcome, Long fullSize) {
    return RowFactory.create(
        old,
        neu,
        ALGO,
        outcome,
        outcome.equals("patch") ? "patches/" + old + "-" + neu : null,
        outcome.equals("patch") ? 7L : null,
        fullSize,
        1L,
        1L,
        1L,
        "earlier");
  }

  @Test
  void distinctPairsMinusThePatchCacheLargestFirst(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    DeltaTables.merge(
        ctx.spark(),
        ctx.config().patchCacheTable,
        TableSchemas.PATCH_CACHE,
        ctx.spark()
            .createDataFrame(
                List.of(
                    cached("c", "d", "patch", 40L),
                    cached("e", "f", "full", 100L),
                    cached("g", "h", "full", 10L)),
                TableSchemas.PATCH_CACHE),
        TableSchemas.PATCH_CACHE_KEYS,
        true);
    Dataset<ChangedPair> candidates =
        ctx.spark()
            .createDataset(
                List.of(
                    candidate("r1", "libxul.so", "a", "b", 500, 30),
                    candidate("r2", "libxul.so", "a", "b", 500, 35), // same pair, other locale
                    candidate("r1", "omni.ja", "c", "d", 900, 40), // cached patch
                    candidate("r1", "x", "e", "f", 50, 50), // full wins for <= 100: a hit
                    candidate("r2", "y", "g", "h", 60, 50), // full wins only for <= 10: missing
                    candidate("r2", "big", "m", "n", 5000, 1)),
                Encoders.bean(ChangedPair.class));

    DedupStage.Output out = new DedupStage(ctx).run(candidates);

    assertEquals(5, out.stats().distinctPairs());
    assertEquals(2, out.stats().cacheHits());
    assertEquals(
        List.of(
            new DiffTask.Pair("m", "n", ALGO, 5000, 5000, 1),
            new DiffTask.Pair("a", "b", ALGO, 500, 500, 35),
            new DiffTask.Pair("g", "h", ALGO, 60, 60, 50)),
        out.missing());
    // the entries that answer the other pairs, as the table holds them: the diff stage passes
    // them on to assembly, which does not read the table again
    List<PatchEntry> cached = out.cached().orderBy("oldSha256").collectAsList();
    assertEquals(
        List.of(
            PatchEntry.of("c", "d", ALGO, "patch", "patches/c-d", 7L, 40L, 1L, 1L, 1L, "earlier"),
            PatchEntry.of("e", "f", ALGO, "full", null, null, 100L, 1L, 1L, 1L, "earlier")),
        cached);
  }

  @Test
  void noCandidatesNothingToDiff(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    DedupStage.Output out =
        new DedupStage(ctx)
            .run(
                ctx.spark()
                    .createDataset(List.<ChangedPair>of(), Encoders.bean(ChangedPair.class)));
    assertEquals(new DedupStage.Stats(0, 0, out.stats().ms()), out.stats());
    assertEquals(List.of(), out.missing());
    assertEquals(0, out.cached().count());
  }
}
