/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fast mode's index: the old file cut into a fixed number of overlapping parts (a function of the
 * file size only, so output never depends on the machine), each suffix-sorted on its own thread. A
 * search asks every part and keeps the longest match; on equal length the one nearest the current
 * alignment, then the lowest position. Parts overlap by {@link #OVERLAP} bytes and matches may run
 * past a part's end, so splitting loses almost nothing.
 */
final class PartitionedIndex implements MatchFinder {
  /** Old files up to this size are one part. */
  static final int PART = 96 << 20;

  static final int OVERLAP = 1 << 20;

  private final byte[] old;
  private final SuffixIndex[] parts;

  private PartitionedIndex(byte[] old, SuffixIndex[] parts) {
    this.old = old;
    this.parts = parts;
  }

  static int partCount(int n) {
    return Math.max(1, (int) ((n + (long) PART - 1) / PART));
  }

  static PartitionedIndex build(byte[] old, int threads) throws MbDiffException {
    int count = partCount(old.length);
    int step = (int) ((old.length + (long) count - 1) / count);
    SuffixIndex[] parts = new SuffixIndex[count];
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, count)));
    try {
      List<Future<SuffixIndex>> fs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int base = (int) Math.min((long) i * step, old.length);
        int len = (int) Math.min((long) step + OVERLAP, old.length - base);
        fs.add(
            pool.submit(() -> new SuffixIndex(old, SuffixArrays.build(old, base, len), base, len)));
      }
      for (int i = 0; i < count; i++) {
        parts[i] = fs.get(i).get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MbDiffException("suffix sort interrupted", e);
    } catch (ExecutionException e) {
      throw new MbDiffException("suffix sort failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new PartitionedIndex(old, parts);
  }

  @Override
  public byte[] old() {
    return old;
  }

  @Override
  public long search(NewBytes neu, int from, int to, int preferredPos) {
    long best = parts[0].search(neu, from, to);
    for (int i = 1; i < parts.length; i++) {
      long m = parts[i].search(neu, from, to);
      int len = (int) m;
      int bestLen = (int) best;
      if (len > bestLen
          || (len == bestLen && distance(m, preferredPos) < distance(best, preferredPos))) {
        best = m;
      }
    }
    return best;
  }

  private static long distance(long match, int preferredPos) {
    return Math.abs((long) (int) (match >>> 32) - preferredPos);
  }
}
