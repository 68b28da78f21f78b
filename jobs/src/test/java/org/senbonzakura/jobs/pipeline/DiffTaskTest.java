/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.compress.EntryCodecs;
import org.senbonzakura.compress.XzEffort;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.mar.Codecs;
import org.senbonzakura.jobs.storage.BlobStore;
import org.senbonzakura.jobs.storage.Storage;
import org.senbonzakura.mbdiff.MbPatch;
import org.senbonzakura.update.EntryCompression;
import org.senbonzakura.update.FileDiffer;
import org.senbonzakura.update.MbdiffFileDiffer;
import scala.Tuple2;

/**
 * The diff stage's task on its own. Issue #15 item 3 on the executors: a pair of {@link
 * FileDiffer#FILE_API_AT_LEAST} bytes or more is diffed through the differ's file API (nothing of
 * it held on the heap: {@link FilesOnlyDiffer} refuses it on the heap) and gives the same stored
 * patch, byte for byte, as the in-memory path gives for the same pair.
 */
class DiffTaskTest {
  @Test
  void aBigPairGoesThroughFilesAndStoresTheSamePatch(@TempDir Path dir) throws Exception {
    JobConfig config =
        TestSpark.config(
            dir.resolve("root"), Map.of("sbz.debug.differ-class", FilesOnlyDiffer.class.getName()));
    Storage storage = new Storage(new Configuration());
    BlobStore blobs = new BlobStore(storage, config.blobsDir, config.tmpDir);
    int size = (int) FileDiffer.FILE_API_AT_LEAST + 4096;
    byte[] old = new byte[size];
    new Random(3).nextBytes(old);
    byte[] neu = old.clone();
    Random r = new Random(4);
    for (int i = 0; i < 2000; i++) { // scattered edits and a moved block
      neu[r.nextInt(size)] = (byte) r.nextInt();
    }
    System.arraycopy(old, 1 << 20, neu, 9 << 20, 1 << 20);
    BlobStore.Stored a = blobs.put(old);
    BlobStore.Stored b = blobs.put(neu);

    DiffTask.Pair pair =
        new DiffTask.Pair(a.sha256(), b.sha256(), "test-files", size, size, 1L << 40);
    Iterator<DiffTask.Diffed> out =
        new DiffTask(config, storage, "run-1")
            .call(List.of(new Tuple2<>(0, pair.encode())).iterator());
    DiffTask.Diffed diffed = out.next();
    assertNull(diffed.error(), String.valueOf(diffed));
    PatchEntry entry = diffed.entry();
    assertEquals("patch", entry.getOutcome());
    byte[] stored;
    try (InputStream in = storage.open(entry.getPatchPath())) {
      stored = in.readAllBytes();
    }
    assertEquals((long) stored.length, (long) entry.getPatchSize());

    byte[] inMemory =
        Codecs.compress(
            MbdiffFileDiffer.fast().diff(old, neu, -1), new EntryCompression(true, false));
    assertArrayEquals(inMemory, stored, "the file path stores the in-memory path's bytes");
    byte[] raw;
    try (InputStream in = Codecs.decode(new java.io.ByteArrayInputStream(stored), 1L << 31)) {
      raw = in.readAllBytes();
    }
    assertArrayEquals(neu, MbPatch.apply(old, raw));
  }

  /**
   * Issue #19: an OutOfMemoryError in a diff is not turned into a failed row; it reaches Spark,
   * which fails the task (and retries it elsewhere), since the executor's state is unknown after
   * one.
   */
  @Test
  void anOutOfMemoryErrorIsLeftToSpark(@TempDir Path dir) throws Exception {
    JobConfig config =
        TestSpark.config(
            dir.resolve("root"),
            Map.of("sbz.debug.differ-class", OutOfMemoryDiffer.class.getName()));
    Storage storage = new Storage(new Configuration());
    BlobStore blobs = new BlobStore(storage, config.blobsDir, config.tmpDir);
    BlobStore.Stored a = blobs.put("old".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    BlobStore.Stored b = blobs.put("new".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    DiffTask.Pair pair = new DiffTask.Pair(a.sha256(), b.sha256(), "test-oom", 3, 3, 100);
    DiffTask task = new DiffTask(config, storage, "run-1");
    org.junit.jupiter.api.Assertions.assertThrows(
        OutOfMemoryError.class,
        () -> task.call(List.of(new Tuple2<>(0, pair.encode())).iterator()).next());
  }

  /**
   * Fast mode spends its saved time on the deeper xz search, as {@code sbz partial --fast} does:
   * its stored patch is the deep compression of the raw patch, under an algorithm version that
   * names the effort, while exact mode keeps Mozilla's preset and key.
   */
  @Test
  void fastModeCompressesPatchesWithTheDeeperSearch(@TempDir Path dir) throws Exception {
    Map<String, Object> fastMode = Map.of("sbz.diff.mode", "fast");
    JobConfig config = TestSpark.config(dir.resolve("root"), fastMode);
    Storage storage = new Storage(new Configuration());
    BlobStore blobs = new BlobStore(storage, config.blobsDir, config.tmpDir);
    Random r = new Random(7);
    byte[] old = words(r, 300_000);
    byte[] neu = new byte[old.length + 60_000];
    System.arraycopy(old, 0, neu, 0, 150_000); // the middle: new text between old halves
    System.arraycopy(words(r, 60_000), 0, neu, 150_000, 60_000);
    System.arraycopy(old, 150_000, neu, 210_000, old.length - 150_000);
    for (int i = 0; i < neu.length; i += 4093) {
      neu[i] = (byte) ('A' + r.nextInt(26));
    }
    BlobStore.Stored a = blobs.put(old);
    BlobStore.Stored b = blobs.put(neu);
    byte[] raw = MbdiffFileDiffer.fast().diff(old, neu, -1);
    byte[] deep = xz(raw, XzEffort.DEEP);
    assertFalse(
        java.util.Arrays.equals(deep, xz(raw, XzEffort.MOZILLA)),
        "precondition: the two searches give different bytes for this patch");

    String algorithm = StageTestSupport.context(dir.resolve("ctx"), fastMode).algorithm();
    assertEquals("mbdiff10-fast/xz6-nice96", algorithm);
    assertEquals("mbdiff10-exact/xz6", StageTestSupport.context(dir.resolve("exact")).algorithm());
    DiffTask.Pair pair =
        new DiffTask.Pair(a.sha256(), b.sha256(), algorithm, old.length, neu.length, 1L << 40);
    DiffTask.Diffed diffed =
        new DiffTask(config, storage, "run-1")
            .call(List.of(new Tuple2<>(0, pair.encode())).iterator())
            .next();
    assertNull(diffed.error(), String.valueOf(diffed));
    byte[] stored;
    try (InputStream in = storage.open(diffed.entry().getPatchPath())) {
      stored = in.readAllBytes();
    }
    assertArrayEquals(deep, stored);
    assertEquals(algorithm, diffed.entry().getAlgorithmVersion());
  }

  /** Text from a small vocabulary: repeats of many lengths, where the match search matters. */
  private static byte[] words(Random r, int size) {
    String[] vocabulary = new String[64];
    for (int i = 0; i < vocabulary.length; i++) {
      StringBuilder w = new StringBuilder();
      for (int n = 3 + r.nextInt(40); n > 0; n--) {
        w.append((char) ('a' + r.nextInt(26)));
      }
      vocabulary[i] = w.toString();
    }
    StringBuilder s = new StringBuilder(size + 64);
    while (s.length() < size) {
      s.append(vocabulary[r.nextInt(vocabulary.length)]).append(r.nextBoolean() ? ' ' : '\n');
    }
    return s.substring(0, size).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static byte[] xz(byte[] raw, XzEffort effort) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    EntryCodecs.compressXz(new java.io.ByteArrayInputStream(raw), out, false, effort);
    return out.toByteArray();
  }
}
