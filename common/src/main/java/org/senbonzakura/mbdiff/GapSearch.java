/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Fast mode's second pass: rewrites the first pass's triples so that the long matches {@link
 * GapMatches} finds in their extra parts are copied from old. A triple whose extra part holds such
 * matches becomes several: each match (exact, then extended over the bytes around it by mbsdiff's
 * approximate rule, {@link ApproxExtension}) is added from old, the rest stays extra. The seeks are
 * recomputed so that the old cursor still lands where the next original triple expects it, so the
 * other triples are unchanged.
 */
final class GapSearch {
  /** Shortest extra part searched. */
  static final int MIN_GAP = 32;

  /**
   * Shortest match used. Short far matches each cost a triple (a seek to a far offset compresses
   * badly) and on the minor libxul pair 10 or 16 made the patch bigger or gained little, 24 and 32
   * about the same.
   */
  static final int MIN_MATCH = 32;

  /** The gap table's share of memory: at most one entry per this many old bytes. */
  static final int MEMORY_SHARE = 192;

  /**
   * Sparsest new step searched. Where the gaps need a sparser one (the major Firefox pair: 113 MB
   * of gaps, step 62), they are mostly new code: that search found little, and its few far matches
   * cost more in seeks than they saved (+5.3 KB xz on major libxul), so the pass is skipped.
   */
  static final int MAX_STEP = 16;

  /** Old bytes read per task (fixed, so the matches do not depend on the thread count). */
  static final int RANGE = 8 << 20;

  private GapSearch() {}

  static ControlTriples refine(byte[] old, NewBytes neu, ControlTriples t, ExecutorService pool)
      throws InterruptedException, ExecutionException {
    int n = t.size();
    // The gaps: triple i's extra part, when long enough.
    int[] tripleOf = new int[16];
    int[] starts = new int[16];
    int[] ends = new int[16];
    int gaps = 0;
    long newPos = 0;
    for (int i = 0; i < n; i++) {
      long a = newPos + t.add(i);
      int y = t.copy(i);
      if (y >= Math.max(MIN_GAP, GapMatches.K)) {
        if (gaps == starts.length) {
          tripleOf = Arrays.copyOf(tripleOf, 2 * gaps);
          starts = Arrays.copyOf(starts, 2 * gaps);
          ends = Arrays.copyOf(ends, 2 * gaps);
        }
        tripleOf[gaps] = i;
        starts[gaps] = (int) a;
        ends[gaps] = (int) (a + y);
        gaps++;
      }
      newPos = a + y;
    }
    if (gaps == 0) {
      return t;
    }
    // At most one entry per MEMORY_SHARE old bytes (≈ 20 bytes each), so the table stays a small
    // fraction of old next to the first pass's; many gaps are sampled more sparsely instead.
    long gapBytes = 0;
    for (int g = 0; g < gaps; g++) {
      gapBytes += ends[g] - starts[g];
    }
    long maxEntries = Math.max(1 << 16, old.length / MEMORY_SHARE);
    int step = GapMatches.step(gapBytes, maxEntries);
    if (step > MAX_STEP) {
      return t; // a big jump: see MAX_STEP
    }
    GapMatches gm = new GapMatches(old, neu, starts, ends, gaps, MIN_MATCH, step);
    List<Future<int[]>> parts = new ArrayList<>();
    for (long from = 0; from < old.length; from += RANGE) {
      int f = (int) from;
      int to = (int) Math.min(from + RANGE, old.length);
      parts.add(pool.submit(() -> gm.search(f, to)));
    }
    int total = 0;
    int[][] found = new int[parts.size()][];
    for (int r = 0; r < found.length; r++) {
      found[r] = parts.get(r).get();
      parts.set(r, null);
      total += found[r].length / 3;
    }
    int[] flat = new int[3 * total];
    int k = 0;
    for (int[] f : found) {
      System.arraycopy(f, 0, flat, 3 * k, f.length);
      k += f.length / 3;
    }
    // By new start; of the matches that start at the same byte the longest, then the one with the
    // lowest old start is used: a total order, so nothing depends on the order of the reads.
    long[] order = new long[total];
    for (int i = 0; i < total; i++) {
      order[i] = (long) flat[3 * i] << 32 | i;
    }
    Arrays.sort(order);
    int[][] chosen = new int[gaps][];
    int g = 0;
    int cur = 0;
    int[] c = new int[12];
    int kc = 0;
    for (int j = 0; j <= total; j++) {
      int s = j < total ? (int) (order[j] >>> 32) : Integer.MAX_VALUE;
      while (g < gaps && s >= ends[g]) {
        if (kc > 0) {
          chosen[g] = extend(old, neu, Arrays.copyOf(c, kc), starts[g], ends[g]);
          kc = 0;
        }
        g++;
        cur = g < gaps ? starts[g] : 0;
      }
      if (j == total || g == gaps) {
        break;
      }
      int i = (int) order[j];
      while (j + 1 < total && (int) (order[j + 1] >>> 32) == s) {
        int u = (int) order[++j];
        if (flat[3 * u + 2] > flat[3 * i + 2]
            || (flat[3 * u + 2] == flat[3 * i + 2] && flat[3 * u + 1] < flat[3 * i + 1])) {
          i = u;
        }
      }
      int os = flat[3 * i + 1];
      int end = s + flat[3 * i + 2];
      if (s < cur) {
        os += cur - s;
        s = cur;
      }
      if (end - s < MIN_MATCH) {
        continue;
      }
      if (kc + 3 > c.length) {
        c = Arrays.copyOf(c, 2 * c.length);
      }
      c[kc] = s;
      c[kc + 1] = os;
      c[kc + 2] = end - s;
      kc += 3;
      cur = end;
    }
    return rebuild(t, tripleOf, chosen, gaps);
  }

  /**
   * Extends each chosen match of the gap {@code [a, b)} by mbsdiff's approximate rule: forward up
   * to the next one's start (or b), then the next one backward down to where that left off.
   */
  private static int[] extend(byte[] old, NewBytes neu, int[] c, int a, int b) {
    int prevEnd = a;
    for (int j = 0; j < c.length; j += 3) {
      int back = ApproxExtension.backward(old, neu, c[j], c[j + 1], prevEnd);
      c[j] -= back;
      c[j + 1] -= back;
      c[j + 2] += back;
      int limit = j + 3 < c.length ? c[j + 3] : b;
      c[j + 2] = Math.max(c[j + 2], ApproxExtension.forward(old, neu, c[j], c[j + 1], limit));
      prevEnd = c[j] + c[j + 2];
    }
    return c;
  }

  /** The triples with each chosen gap's matches spliced in. */
  private static ControlTriples rebuild(
      ControlTriples t, int[] tripleOf, int[][] chosen, int gaps) {
    ControlTriples out = new ControlTriples();
    int g = 0;
    long oldPos = 0;
    long newPos = 0;
    for (int i = 0; i < t.size(); i++) {
      int x = t.add(i);
      int y = t.copy(i);
      int z = t.seek(i);
      long target = oldPos + x + z;
      int[] c = g < gaps && tripleOf[g] == i ? chosen[g++] : null;
      if (c == null) {
        out.add(x, y, z);
      } else {
        long a = newPos + x;
        long cursor = oldPos + x;
        int add = x;
        long from = a;
        for (int j = 0; j < c.length; j += 3) {
          out.add(add, (int) (c[j] - from), (int) (c[j + 1] - cursor));
          add = c[j + 2];
          from = c[j] + (long) add;
          cursor = c[j + 1] + (long) add;
        }
        out.add(add, (int) (a + y - from), (int) (target - cursor));
      }
      oldPos = target;
      newPos += x + y;
    }
    return out;
  }
}
