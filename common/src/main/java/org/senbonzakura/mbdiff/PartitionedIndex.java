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

  /** The index over these parts' indexes (tests build it from separately sorted parts). */
  PartitionedIndex(byte[] old, SuffixIndex[] parts) {
    this.old = old;
    this.parts = parts;
  }

  /** One part of the old file: {@code old[base..base+len)}. */
  record Part(int base, int len) {}

  /**
   * The parts of an {@code n}-byte file: ⌈n / partSize⌉ of equal step, each running on {@code
   * overlap} bytes into the next (the last ends at the file's end). A fixed function of the input,
   * so fast mode's output does not depend on the thread count.
   */
  static Part[] parts(int n, int partSize, int overlap) {
    int count = Math.max(1, (int) ((n + (long) partSize - 1) / partSize));
    int step = (int) ((n + (long) count - 1) / count);
    Part[] parts = new Part[count];
    for (int i = 0; i < count; i++) {
      int base = (int) Math.min((long) i * step, n);
      parts[i] = new Part(base, (int) Math.min((long) step + overlap, n - base));
    }
    return parts;
  }

  static PartitionedIndex build(byte[] old, int threads) throws MbDiffException {
    return build(old, threads, PART, OVERLAP, MAX_SLAB);
  }

  /**
   * Largest shared suffix array: the JVM's array limit. Old files up to about 2 GiB − (parts − 1)
   * MiB fit in one; beyond, consecutive parts share as few arrays as fit.
   */
  static final int MAX_SLAB = Integer.MAX_VALUE - 8;

  /**
   * The index with parts of about {@code partSize} bytes overlapping by {@code overlap}. All parts'
   * suffix arrays are slices of one {@code int[]} (more only when they exceed {@code maxSlab}),
   * allocated before any sorting starts: one array per part meant several humongous objects of 2 ×
   * old each, which G1 could not place under a 6 × old heap cap although less than half of it was
   * live. Each thread sorts its part into its own slice, so the result is the same as with separate
   * arrays.
   */
  static PartitionedIndex build(byte[] old, int threads, int partSize, int overlap, int maxSlab)
      throws MbDiffException {
    Part[] part = parts(old.length, partSize, overlap);
    int count = part.length;
    // Pack consecutive parts into as few arrays as fit; each part's slice starts at saOff[i].
    int[] slab = new int[count];
    int[] saOff = new int[count];
    List<Integer> slabSizes = new ArrayList<>();
    long used = 0;
    for (int i = 0; i < count; i++) {
      if (i > 0 && used + part[i].len() > maxSlab) {
        slabSizes.add((int) used);
        used = 0;
      }
      slab[i] = slabSizes.size();
      saOff[i] = (int) used;
      used += part[i].len();
    }
    slabSizes.add((int) used);
    int[][] slabs = new int[slabSizes.size()][];
    for (int j = 0; j < slabs.length; j++) {
      slabs[j] = new int[slabSizes.get(j)];
    }

    SuffixIndex[] parts = new SuffixIndex[count];
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, count)));
    try {
      List<Future<SuffixIndex>> fs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int[] sa = slabs[slab[i]];
        int b = part[i].base();
        int l = part[i].len();
        int o = saOff[i];
        fs.add(
            pool.submit(
                () -> {
                  SuffixArrays.buildInto(old, b, l, sa, o);
                  return new SuffixIndex(old, sa, o, b, l);
                }));
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
