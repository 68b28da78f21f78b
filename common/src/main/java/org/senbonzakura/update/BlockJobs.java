/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns "compress this full file" into work-queue jobs: one job for a small file, or one job per
 * {@link BlockXz#BLOCK_SIZE} block for a big one (xz only), joined into one multi-block stream
 * afterwards. Splitting the huge file (libxul) is what lets every core work until the end.
 */
final class BlockJobs {
  /** Supplies a file's content (read when the first job for it runs). */
  interface Content {
    byte[] read() throws IOException;
  }

  private BlockJobs() {}

  /**
   * The jobs that compress {@code f} into {@code out.get(f.path())}; joins of multi-block files are
   * added to {@code joins}, to run after all jobs.
   */
  static List<ParallelWork.Job> compress(
      EntryCodec codec,
      EntryCompression c,
      boolean multiBlock,
      FileInfo f,
      Content content,
      Map<String, byte[]> out,
      List<Runnable> joins) {
    List<ParallelWork.Job> jobs = new ArrayList<>();
    int block = BlockXz.BLOCK_SIZE;
    if (!multiBlock || !c.xz() || f.size() <= block) {
      jobs.add(
          job(
              f.path(),
              f.size(),
              () -> out.put(f.path(), codec.compress(content.read(), c, true))));
      return jobs;
    }
    int n = (int) ((f.size() + block - 1) / block);
    byte[][] parts = new byte[n][];
    Object lock = new Object();
    byte[][] data = new byte[1][];
    for (int i = 0; i < n; i++) {
      int k = i;
      long len = Math.min(block, f.size() - (long) k * block);
      jobs.add(
          job(
              f.path(),
              len,
              () -> {
                byte[] all;
                synchronized (lock) {
                  if (data[0] == null) {
                    data[0] = content.read();
                  }
                  all = data[0];
                }
                int from = k * block;
                byte[] chunk =
                    Arrays.copyOfRange(all, from, (int) Math.min(all.length, (long) from + block));
                parts[k] = codec.compress(chunk, c, true);
              }));
    }
    joins.add(
        () -> {
          try {
            out.put(f.path(), BlockXz.join(parts));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    return jobs;
  }

  /** A job working on {@code file} (for progress), about {@code weight} bytes of work. */
  static ParallelWork.Job job(String file, long weight, PartialBuilder.ThrowingRunnable r) {
    return new ParallelWork.Job() {
      @Override
      public String file() {
        return file;
      }

      @Override
      public long weight() {
        return weight;
      }

      @Override
      public void run() throws IOException {
        r.run();
      }
    };
  }
}
