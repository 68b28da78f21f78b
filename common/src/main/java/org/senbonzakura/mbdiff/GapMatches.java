/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The long matches of the gaps: the stretches of the new file fast mode's first pass left to the
 * extra block. The first pass misses some matches of dozens of bytes and more there (their strings
 * crowded out of its table, or passed over where the scan jumped), and on the minor libxul pair
 * those made most of its size gap to exact mode. The gaps are a few per cent of the new file, so
 * here the roles turn round: the gaps' {@link #K}-byte strings at every {@code newStep}-th position
 * are indexed (a small table), and old is read once, every {@link #OLD_STEP}-th position looked up.
 * The steps are coprime, so every {@code newStep · OLD_STEP} consecutive bytes of a match hold a
 * new sample and an old sample at the same offset: any match of {@code K + newStep · OLD_STEP − 1}
 * bytes or more is found (unless its strings are crowded out, see {@link #CHAIN}).
 *
 * <p>Each hit is extended exactly both ways, within its gap; matches of at least {@code minMatch}
 * bytes are listed. Old is read in fixed ranges, and what a range lists depends on that range
 * alone, so the list is a function of the input whichever thread read which range. Memory: 20 bytes
 * per entry (a {@code long} slot at load ½ and the position).
 */
final class GapMatches {
  /** Bytes per indexed string (two longs: shorter strings hit too often to look at each). */
  static final int K = 16;

  /**
   * Gap positions indexed: every {@code NEW_STEP}-th of each gap, or sparser (see {@link #step}).
   */
  static final int NEW_STEP = 4;

  /** Old positions looked up: every {@code OLD_STEP}-th (a prime, so coprime with the new step). */
  static final int OLD_STEP = 7;

  /**
   * Extensions of one entry per range of old: a string that old repeats (a run of zeros, a common
   * instruction sequence) and the gap has only briefly would otherwise be extended at every copy.
   */
  static final int TRIES = 8;

  /** Gap entries tried per old sample (a string common in the gaps is tried at its first few). */
  static final int CHAIN = 16;

  private final int newStep;

  private final byte[] old;
  private final NewBytes neu;
  private final int minMatch;

  /** The gaps, in file order. */
  private final int[] starts;

  private final int[] ends;

  private final int gaps;

  /** Per entry: its new position. */
  private final int[] at;

  /**
   * The table, open addressing: per slot the high half of the string's hash (compared before new is
   * read) and the entry + 1 (0: empty), so a lookup usually costs one cache miss.
   */
  private final long[] slots;

  /** Indexes the gaps {@code [starts[g], ends[g])} (in file order, disjoint). */
  GapMatches(
      byte[] old, NewBytes neu, int[] starts, int[] ends, int gaps, int minMatch, int newStep) {
    this.old = old;
    this.newStep = newStep;
    this.neu = neu;
    this.minMatch = minMatch;
    this.starts = starts;
    this.ends = ends;
    this.gaps = gaps;
    int n = 0;
    for (int g = 0; g < gaps; g++) {
      n += Math.max(0, (ends[g] - starts[g] - K) / newStep + 1);
    }
    at = new int[n];
    int e = 0;
    for (int g = 0; g < gaps; g++) {
      for (int q = starts[g]; q + K <= ends[g]; q += newStep, e++) {
        at[e] = q;
      }
    }
    slots = new long[Math.max(16, 2 * n)]; // load 1/2
    for (e = 0; e < n; e++) { // probe runs in file order
      long h = Hash16.of(neu.long8(at[e]), neu.long8(at[e] + 8));
      int i = home(h);
      for (int p = 0; p < CHAIN; p++, i = i + 1 == slots.length ? 0 : i + 1) {
        if (slots[i] == 0) {
          slots[i] = (h & 0xFFFFFFFF00000000L) | (e + 1);
          break;
        }
      }
    }
  }

  /**
   * The new step that indexes {@code gapBytes} in at most {@code maxEntries} entries: {@link
   * #NEW_STEP}, or sparser when the gaps are many (a big jump: then only longer matches are sure to
   * be found, but old is still read once), never a multiple of {@link #OLD_STEP}.
   */
  static int step(long gapBytes, long maxEntries) {
    int s = (int) Math.max(NEW_STEP, (gapBytes + maxEntries - 1) / maxEntries);
    return s % OLD_STEP == 0 ? s + 1 : s;
  }

  private int home(long h) {
    return (int) (((h & 0xFFFFFFFFL) * slots.length) >>> 32);
  }

  /**
   * The matches found by reading {@code old[from..to)}'s samples, as (new start, old start, length)
   * runs; a match found again at the next samples (same offset, inside the last one) is skipped.
   */
  int[] search(int from, int to) {
    int[] out = new int[48];
    int k = 0;
    int lastStart = -1;
    int lastEnd = -1;
    int lastOffset = 0;
    int end = Math.min(to, old.length - K + 1);
    // An entry that gave a match, or was extended TRIES times, is not tried again in this range: a
    // string repeated all over old (a run of zeros) would otherwise be extended at each copy.
    BitSet done = new BitSet(at.length);
    byte[] tries = new byte[at.length];
    for (int o = from + Math.floorMod(-from, OLD_STEP); o < end; o += OLD_STEP) {
      long s = (long) NewBytes.LE_LONGS.get(old, o);
      long s2 = (long) NewBytes.LE_LONGS.get(old, o + 8);
      long h = Hash16.of(s, s2);
      long want = h & 0xFFFFFFFF00000000L;
      int i = home(h);
      for (int p = 0; p < CHAIN; p++, i = i + 1 == slots.length ? 0 : i + 1) {
        long v = slots[i];
        if (v == 0) {
          break;
        }
        int e = (int) v - 1;
        if ((v & 0xFFFFFFFF00000000L) != want || done.get(e)) {
          continue;
        }
        int q = at[e];
        if ((o - q == lastOffset && q >= lastStart && q < lastEnd)
            || neu.long8(q) != s
            || neu.long8(q + 8) != s2) {
          continue;
        }
        int g = gapOf(q);
        int n = Math.min(ends[g] - q, old.length - o);
        int m = neu.mismatch(q + K, old, o + K, n - K);
        int fwd = m < 0 ? n : K + m;
        int b = 0;
        for (int most = Math.min(q - starts[g], o);
            b < most && old[o - b - 1] == neu.get(q - b - 1);
            b++) {}
        if (b + fwd >= minMatch || ++tries[e] >= TRIES) {
          done.set(e);
        }
        if (b + fwd < minMatch) {
          continue;
        }
        if (k + 3 > out.length) {
          out = Arrays.copyOf(out, 2 * out.length);
        }
        out[k] = q - b;
        out[k + 1] = o - b;
        out[k + 2] = b + fwd;
        k += 3;
        lastStart = q - b;
        lastEnd = q + fwd;
        lastOffset = o - q;
      }
    }
    return Arrays.copyOf(out, k);
  }

  /** The gap that holds new position {@code q} (one of them does). */
  private int gapOf(int q) {
    int i = Arrays.binarySearch(starts, 0, gaps, q);
    return i >= 0 ? i : -i - 2;
  }
}
