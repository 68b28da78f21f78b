/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.mar.Codecs;
import org.senbonzakura.jobs.storage.BlobStore;
import org.senbonzakura.mbdiff.MbPatch;

/**
 * The diff stage on two pairs: the pair whose blobs exist is diffed, its patch stored and its row
 * MERGEd into the patch cache (and the patch turns old into new); the pair whose old file is not in
 * the blob store comes back as an error with its reason and leaves no cache row.
 */
class DiffStageTest {
  @Test
  void diffsStoresAndReportsFailedPairs(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    BlobStore blobs = new BlobStore(ctx.storage(), ctx.config().blobsDir, ctx.config().tmpDir);
    byte[] old = new byte[20_000];
    new Random(5).nextBytes(old);
    byte[] neu = old.clone();
    for (int i = 0; i < neu.length; i += 997) {
      neu[i] ^= 0x5a;
    }
    BlobStore.Stored a = blobs.put(old);
    BlobStore.Stored b = blobs.put(neu);
    String absent = "f".repeat(64);
    String algo = ctx.algorithm();

    PatchEntry earlier =
        PatchEntry.of("c", "d", algo, "full", null, null, 9L, 1L, 2L, 3L, "earlier-run");
    DiffStage.Output out =
        new DiffStage(ctx)
            .run(
                List.of(
                    new DiffTask.Pair(
                        a.sha256(), b.sha256(), algo, old.length, neu.length, 1L << 30),
                    new DiffTask.Pair(absent, b.sha256(), algo, 10, neu.length, 1L << 30)),
                ctx.spark().createDataset(List.of(earlier), Encoders.bean(PatchEntry.class)));

    assertEquals(1, out.stats().computed());
    assertEquals(1, out.stats().failed());
    assertEquals(1, out.errors().size());
    DiffStage.PairError e = out.errors().get(0);
    assertEquals(absent, e.oldSha256());
    assertTrue(e.error().startsWith("diff failed: "), e.error());

    List<Row> cache =
        ctx.spark().read().format("delta").load(ctx.config().patchCacheTable).collectAsList();
    assertEquals(1, cache.size());
    Row row = cache.get(0);
    assertEquals(a.sha256(), row.getAs("old_sha256"));
    assertEquals("patch", row.getAs("outcome"));
    assertEquals(ctx.runId(), row.getAs("run_id"));
    byte[] stored;
    try (InputStream in = ctx.storage().open(row.getAs("patch_path"))) {
      stored = in.readAllBytes();
    }
    assertEquals((long) stored.length, (long) row.<Long>getAs("patch_size"));
    byte[] raw;
    try (InputStream in = Codecs.decode(new ByteArrayInputStream(stored), 1L << 31)) {
      raw = in.readAllBytes();
    }
    assertArrayEquals(neu, MbPatch.apply(old, raw));

    // the run's entries: the cached one passed in and the new one, as the table holds it
    List<PatchEntry> patches = out.patches().orderBy("runId").collectAsList();
    assertEquals(2, patches.size());
    assertEquals(earlier, patches.get(0));
    PatchEntry made = patches.get(1);
    assertEquals(a.sha256(), made.getOldSha256());
    assertEquals(row.<String>getAs("patch_path"), made.getPatchPath());
    assertEquals(row.<Long>getAs("patch_size"), made.getPatchSize());
    assertEquals(row.<Long>getAs("full_size"), made.getFullSize());
    assertEquals(ctx.runId(), made.getRunId());
  }

  @Test
  void nothingMissingNothingWritten(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    DiffStage.Output out =
        new DiffStage(ctx)
            .run(
                List.of(),
                ctx.spark().createDataset(List.<PatchEntry>of(), Encoders.bean(PatchEntry.class)));
    assertEquals(0, out.stats().computed());
    assertEquals(List.of(), out.errors());
    assertEquals(0, out.patches().count());
    assertTrue(!ctx.storage().exists(ctx.config().patchCacheTable), "no table was written");
  }
}
