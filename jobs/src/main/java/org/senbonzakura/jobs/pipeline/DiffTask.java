/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.senbonzakura.compress.EntryCodecs;
import org.senbonzakura.errors.ErrorLine;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.storage.BlobStore;
import org.senbonzakura.jobs.storage.LocalCopy;
import org.senbonzakura.jobs.storage.Storage;
import org.senbonzakura.update.FileDiffer;
import scala.Tuple2;

/**
 * Stage 4 on the executors: diffs the pairs missing from the patch cache, largest first, each
 * within the executor's memory budget, with the configured {@link FileDiffer}; compresses each
 * patch (xz, no BCJ, as Mozilla's scripts do) and stores it content-addressed. A differ's early
 * "full wins" verdict (null) is recorded as an {@code outcome = full} row with no patch, bounded by
 * the full size it was given. Emits a patch-cache entry per pair, or the pair's error: a failed
 * pair fails only the requests that need it.
 *
 * <p>An {@link OutOfMemoryError} is not caught: after one, the executor's state is unknown, so it
 * is Spark's to handle (the task fails and is retried elsewhere). The work is sized up front
 * instead: {@link DiffMemoryGate} lets only diffs that fit the budget together run at once, and a
 * pair as large as the budget alone.
 */
final class DiffTask
    implements FlatMapFunction<Iterator<Tuple2<Integer, String[]>>, DiffTask.Diffed> {
  private static final long serialVersionUID = 1L;

  /**
   * What diffing one pair gave: its patch-cache entry, or (entry null) the error that fails the
   * requests needing it. A plain class, not a record: it travels back to the driver through Spark's
   * serializer, and the Kryo that Spark ships cannot build records.
   */
  static final class Diffed implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private PatchEntry entry;
    private String oldSha256;
    private String newSha256;
    private String error;

    static Diffed of(PatchEntry entry) {
      Diffed d = new Diffed();
      d.entry = entry;
      return d;
    }

    static Diffed failed(String oldSha256, String newSha256, String error) {
      Diffed d = new Diffed();
      d.oldSha256 = oldSha256;
      d.newSha256 = newSha256;
      d.error = error;
      return d;
    }

    /** The patch-cache entry, or null if the pair failed. */
    PatchEntry entry() {
      return entry;
    }

    /** Why the pair failed, or null. */
    DiffStage.PairError error() {
      return error == null ? null : new DiffStage.PairError(oldSha256, newSha256, error);
    }

    @Override
    public String toString() {
      return entry != null ? String.valueOf(entry) : String.valueOf(error());
    }
  }

  /**
   * One distinct pair to diff: digests and sizes only. Shipped to the executors as a String[]
   * ({@link #encode}), which every Spark serializer handles.
   */
  record Pair(
      String oldSha256,
      String newSha256,
      String algorithmVersion,
      long oldSize,
      long newSize,
      long fullSize)
      implements java.io.Serializable {
    String[] encode() {
      return new String[] {
        oldSha256, newSha256, algorithmVersion, "" + oldSize, "" + newSize, "" + fullSize
      };
    }

    static Pair decode(String[] v) {
      return new Pair(
          v[0], v[1], v[2], Long.parseLong(v[3]), Long.parseLong(v[4]), Long.parseLong(v[5]));
    }
  }

  private final JobConfig config;
  private final Storage storage;
  private final String runId;

  DiffTask(JobConfig config, Storage storage, String runId) {
    this.config = config;
    this.storage = storage;
    this.runId = runId;
  }

  @Override
  public Iterator<Diffed> call(Iterator<Tuple2<Integer, String[]>> pairs) {
    List<Pair> todo = new ArrayList<>();
    pairs.forEachRemaining(t -> todo.add(Pair.decode(t._2())));
    todo.sort(Comparator.comparingLong((Pair p) -> -(p.oldSize() + p.newSize())));
    BlobStore blobs = new BlobStore(storage, config.blobsDir, config.tmpDir);
    Semaphore gate = DiffMemoryGate.forBudget(config.diffMemoryBudget);
    FileDiffer differ = Differs.of(config);
    List<Diffed> out = new ArrayList<>(todo.size());
    for (Pair p : todo) {
      out.add(diff(p, blobs, gate, differ));
    }
    return out.iterator();
  }

  private Diffed diff(Pair p, BlobStore blobs, Semaphore gate, FileDiffer differ) {
    String oldSha = p.oldSha256();
    String newSha = p.newSha256();
    String algo = p.algorithmVersion();
    long oldSize = p.oldSize();
    long newSize = p.newSize();
    long fullSize = p.fullSize();
    int need =
        DiffMemoryGate.need(
            oldSize, newSize, config.diffMemoryPerInputByte, config.diffMemoryBudget);
    long start = System.nanoTime();
    try {
      gate.acquire(need);
      String location = patchLocation(config.patchesDir, algo, oldSha, newSha);
      long xzLength;
      try {
        // fullSize is the largest compressed full entry of the pair over the run's requests: a
        // "full wins" verdict means the patch cannot beat any of them
        xzLength =
            Math.max(oldSize, newSize) >= FileDiffer.FILE_API_AT_LEAST
                ? diffFiles(blobs, differ, oldSha, newSha, fullSize, location)
                : diffInMemory(blobs, differ, oldSha, newSha, fullSize, location);
      } finally {
        gate.release(need);
      }
      if (xzLength < 0) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        Halt.after(config.haltAt, "diff");
        return Diffed.of(
            PatchEntry.of(
                oldSha, newSha, algo, "full", null, null, fullSize, oldSize, newSize, ms, runId));
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      Halt.after(config.haltAt, "diff");
      return Diffed.of(
          PatchEntry.of(
              oldSha, newSha, algo, "patch", location, xzLength, fullSize, oldSize, newSize, ms,
              runId));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(oldSha, newSha, "interrupted");
    } catch (IOException | RuntimeException e) {
      return failed(oldSha, newSha, "diff failed: " + ErrorLine.of(e));
    }
  }

  /**
   * Patch compression: xz without BCJ, as Mozilla's scripts compress patches, searching as hard as
   * the run's mode asks ({@link Differs#patchEffort}; its tag is part of the algorithm version).
   */
  private void compress(InputStream in, OutputStream out) throws IOException {
    EntryCodecs.compressXz(in, out, false, Differs.patchEffort(config));
  }

  /** A small pair on the heap; stores the xz patch and returns its length, or -1: full wins. */
  private long diffInMemory(
      BlobStore blobs, FileDiffer differ, String oldSha, String newSha, long fullSize, String to)
      throws IOException {
    byte[] patch = differ.diff(blobs.read(oldSha), blobs.read(newSha), fullSize);
    if (patch == null) {
      return -1;
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream(patch.length / 4 + 64);
    compress(new ByteArrayInputStream(patch), buf);
    byte[] xz = buf.toByteArray();
    storage.writeAtomically(to, false, out -> out.write(xz));
    return xz.length;
  }

  /**
   * A big pair through the differ's file API: the blobs as local files (in place on a local storage
   * root), the raw patch streamed to a temporary file and compressed from it, so neither the new
   * file nor the raw or compressed patch is held on the executor's heap. Same bytes as {@link
   * #diffInMemory}.
   */
  private long diffFiles(
      BlobStore blobs, FileDiffer differ, String oldSha, String newSha, long fullSize, String to)
      throws IOException {
    Path raw = Files.createTempFile("sbz-patch-", ".raw");
    Path xz = Files.createTempFile("sbz-patch-", ".xz");
    try (LocalCopy old = LocalCopy.of(storage, blobs.locationOf(oldSha));
        LocalCopy neu = LocalCopy.of(storage, blobs.locationOf(newSha))) {
      if (!differ.diff(old.path(), neu.path(), raw, fullSize)) {
        return -1;
      }
      try (InputStream in = Files.newInputStream(raw);
          OutputStream out = new BufferedOutputStream(Files.newOutputStream(xz), 1 << 20)) {
        compress(in, out);
      }
      storage.writeAtomically(to, false, out -> Files.copy(xz, out));
      return Files.size(xz);
    } finally {
      Files.deleteIfExists(raw);
      Files.deleteIfExists(xz);
    }
  }

  private static Diffed failed(String oldSha, String newSha, String error) {
    return Diffed.failed(oldSha, newSha, error);
  }

  /** Where the patch for a pair lives: content-addressed by the pair and the algorithm. */
  static String patchLocation(String dir, String algorithm, String oldSha, String newSha) {
    return dir
        + "/"
        + algorithm.replaceAll("[^A-Za-z0-9.-]", "_")
        + "/"
        + oldSha.substring(0, 2)
        + "/"
        + oldSha
        + "-"
        + newSha
        + ".patch.xz";
  }
}
