/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.senbonzakura.errors.ErrorLine;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.mar.Codecs;
import org.senbonzakura.jobs.storage.BlobStore;
import org.senbonzakura.jobs.storage.Storage;
import org.senbonzakura.jobs.tables.TableSchemas;
import org.senbonzakura.update.EntryCompression;
import org.senbonzakura.update.FileDiffer;
import scala.Tuple2;

/**
 * Stage 4 on the executors: diffs the pairs missing from the patch cache, largest first, each
 * within the executor's memory budget, with the configured {@link FileDiffer}; compresses each
 * patch (xz, no BCJ, as Mozilla's scripts do) and stores it content-addressed. A differ's early
 * "full wins" verdict (null) is recorded as an {@code outcome = full} row with no patch, bounded by
 * the full size it was given. Emits a patch-cache row per pair, or the pair's error: a failed pair
 * fails only the requests that need it.
 *
 * <p>An {@link OutOfMemoryError} is not caught: after one, the executor's state is unknown, so it
 * is Spark's to handle (the task fails and is retried elsewhere). The work is sized up front
 * instead: {@link DiffMemoryGate} lets only diffs that fit the budget together run at once, and a
 * pair as large as the budget alone.
 */
final class DiffTask implements FlatMapFunction<Iterator<Tuple2<Integer, String[]>>, Row> {
  private static final long serialVersionUID = 1L;

  /** The patch cache's columns plus the error of a failed pair. */
  static final StructType SCHEMA = TableSchemas.PATCH_CACHE.add("error", DataTypes.StringType);

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
    static Pair of(Row r) {
      return new Pair(
          Rows.str(r, "old_sha256"),
          Rows.str(r, "new_sha256"),
          Rows.str(r, "algorithm_version"),
          Rows.lng(r, "old_size"),
          Rows.lng(r, "new_size"),
          Rows.lng(r, "full_size"));
    }

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
  public Iterator<Row> call(Iterator<Tuple2<Integer, String[]>> pairs) {
    List<Pair> todo = new ArrayList<>();
    pairs.forEachRemaining(t -> todo.add(Pair.decode(t._2())));
    todo.sort(Comparator.comparingLong((Pair p) -> -(p.oldSize() + p.newSize())));
    BlobStore blobs = new BlobStore(storage, config.blobsDir, config.tmpDir);
    Semaphore gate = DiffMemoryGate.forBudget(config.diffMemoryBudget);
    FileDiffer differ = Differs.of(config);
    List<Row> out = new ArrayList<>(todo.size());
    for (Pair p : todo) {
      out.add(diff(p, blobs, gate, differ));
    }
    return out.iterator();
  }

  private Row diff(Pair p, BlobStore blobs, Semaphore gate, FileDiffer differ) {
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
      byte[] xz;
      try {
        // fullSize is the largest compressed full entry of the pair over the run's requests: a
        // null ("full wins" early) means the patch cannot beat any of them
        byte[] patch = differ.diff(blobs.read(oldSha), blobs.read(newSha), fullSize);
        xz = patch == null ? null : Codecs.compress(patch, new EntryCompression(true, false));
      } finally {
        gate.release(need);
      }
      if (xz == null) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        Halt.after(config.haltAt, "diff");
        return RowFactory.create(
            oldSha, newSha, algo, "full", null, null, fullSize, oldSize, newSize, ms, runId, null);
      }
      String location = patchLocation(config.patchesDir, algo, oldSha, newSha);
      storage.writeAtomically(location, false, out -> out.write(xz));
      long ms = (System.nanoTime() - start) / 1_000_000;
      Halt.after(config.haltAt, "diff");
      return RowFactory.create(
          oldSha,
          newSha,
          algo,
          "patch",
          location,
          (long) xz.length,
          fullSize,
          oldSize,
          newSize,
          ms,
          runId,
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(oldSha, newSha, algo, "interrupted");
    } catch (IOException | RuntimeException e) {
      return failed(oldSha, newSha, algo, "diff failed: " + ErrorLine.of(e));
    }
  }

  private Row failed(String oldSha, String newSha, String algo, String error) {
    return RowFactory.create(
        oldSha, newSha, algo, "failed", null, null, null, null, null, null, runId, error);
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
