/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.util.Arrays;

/**
 * Builds the suffix array of a byte array with SA-IS (induced sorting, linear time).
 *
 * <p>A suffix array is unique, so this gives exactly the order that mbsdiff's qsufsort computes;
 * only the speed differs. The result holds the {@code n} real suffixes; mbsdiff's extra entry for
 * the empty suffix (always first) is implicit, see {@link SuffixIndex}. The recursion keeps the
 * reduced string and its buckets inside the result array, so the working memory beyond the {@code
 * int[n]} result is about {@code n/8} bytes of type bits (plus {@code n/16} for the levels below).
 * Where the free part of the array cannot hold both counts and pointers (2 ints per name), a level
 * keeps the pointers alone and recounts the text before each use: a pass over an int array is
 * cheap, while an allocated {@code int[2 · names]} cost about 0.75 × n bytes on libxul, enough to
 * break the differ's 6 × n heap bound.
 */
public final class SuffixArrays {
  private SuffixArrays() {}

  /** The text being sorted: bytes at the top level, names of substrings in the recursion. */
  private interface Text {
    int at(int i);
  }

  private static final class ByteText implements Text {
    private final byte[] b;
    private final int off;

    ByteText(byte[] b, int off) {
      this.b = b;
      this.off = off;
    }

    @Override
    public int at(int i) {
      return b[off + i] & 0xFF;
    }
  }

  private static final class IntText implements Text {
    private final int[] a;
    private final int off;

    IntText(int[] a, int off) {
      this.a = a;
      this.off = off;
    }

    @Override
    public int at(int i) {
      return a[off + i];
    }
  }

  /** Returns the suffix array of {@code data}: {@code sa[k]} is the start of the k-th suffix. */
  public static int[] build(byte[] data) {
    return build(data, 0, data.length);
  }

  /** The suffix array of {@code data[off..off+len)}, positions relative to {@code off}. */
  public static int[] build(byte[] data, int off, int len) {
    return build(data, off, len, false);
  }

  /**
   * As {@link #build(byte[], int, int)}; {@code recountAlways} makes every recursion level keep
   * pointers only and recount (the lean mode, which otherwise only tight levels use), for tests.
   */
  static int[] build(byte[] data, int off, int len, boolean recountAlways) {
    int[] sa = new int[len];
    buildInto(data, off, len, sa, 0, recountAlways);
    return sa;
  }

  /**
   * Sorts the suffixes of {@code data[off..off+len)} into {@code sa[saOff..saOff+len)}, positions
   * relative to {@code off}; the rest of {@code sa} is not touched, so several parts of one file
   * can be sorted at once into disjoint slices of a single array. The recursion works inside the
   * slice, as {@link #build} does in its array.
   */
  static void buildInto(byte[] data, int off, int len, int[] sa, int saOff) {
    buildInto(data, off, len, sa, saOff, false);
  }

  static void buildInto(byte[] data, int off, int len, int[] sa, int saOff, boolean recountAlways) {
    if (off < 0 || len < 0 || off > data.length - len || saOff < 0 || saOff > sa.length - len) {
      throw new IndexOutOfBoundsException(
          "part " + off + "+" + len + " of " + data.length + " into " + saOff + " of " + sa.length);
    }
    sais(new ByteText(data, off), len, 256, sa, saOff, new int[512], 0, false, recountAlways);
  }

  /**
   * Sorts the suffixes of {@code t[0..n)} (with a virtual smallest sentinel after it) into {@code
   * sa[so..so+n)}. {@code bkt} from {@code bOff} has room for 2k ints (counts, then bucket
   * pointers), or with {@code recount} for k ints (pointers only, counts recomputed from the text
   * each time).
   */
  private static void sais(
      Text t, int n, int k, int[] sa, int so, int[] bkt, int bOff, boolean recount, boolean lean) {
    if (n == 0) {
      return;
    }
    if (n == 1) {
      sa[so] = 0;
      return;
    }
    long[] stype = classify(t, n);
    // With recount the counts live where the pointers go and are rebuilt before each use.
    int cOff = recount ? -1 : bOff;
    int pOff = recount ? bOff : bOff + k;
    if (!recount) {
      count(t, n, bkt, cOff, k);
    }

    // Stage 1: sort the LMS substrings by induction from unsorted LMS positions.
    Arrays.fill(sa, so, so + n, -1);
    bucketEnds(t, n, bkt, cOff, pOff, k);
    for (int i = n - 1; i >= 1; i--) {
      if (isLms(stype, i)) {
        sa[so + --bkt[pOff + t.at(i)]] = i;
      }
    }
    induceL(t, n, sa, so, stype, bkt, cOff, pOff, k);
    induceS(t, n, sa, so, stype, bkt, cOff, pOff, k);

    int m = 0;
    for (int i = 0; i < n; i++) {
      int p = sa[so + i];
      if (isLms(stype, p)) {
        sa[so + m++] = p;
      }
    }
    // Name the sorted LMS substrings; names land at slice slot m + p/2, distinct slots since LMS
    // positions are at least two apart.
    Arrays.fill(sa, so + m, so + n, -1);
    int names = 0;
    int prev = -1;
    for (int i = 0; i < m; i++) {
      int p = sa[so + i];
      if (prev < 0 || !sameLmsSubstring(t, n, stype, p, prev)) {
        names++;
      }
      prev = p;
      sa[so + m + (p >>> 1)] = names - 1;
    }
    for (int i = n - 1, j = n - 1; i >= m; i--) {
      if (sa[so + i] >= 0) {
        sa[so + j--] = sa[so + i];
      }
    }
    int s1 = n - m;

    // Stage 2: sort the reduced string, recursively if names repeat.
    if (names < m) {
      int free = n - 2 * m;
      Text reduced = new IntText(sa, so + s1);
      if (2 * names <= free && !lean) {
        sais(reduced, m, names, sa, so, sa, so + m, false, lean);
      } else if (names <= free) {
        sais(reduced, m, names, sa, so, sa, so + m, true, lean);
      } else {
        sais(reduced, m, names, sa, so, new int[names], 0, true, lean);
      }
    } else {
      for (int i = 0; i < m; i++) {
        sa[so + sa[so + s1 + i]] = i;
      }
    }

    // Stage 3: map back to LMS positions, seed them in sorted order, induce the rest.
    for (int i = 1, j = s1; i < n; i++) {
      if (isLms(stype, i)) {
        sa[so + j++] = i;
      }
    }
    for (int i = 0; i < m; i++) {
      sa[so + i] = sa[so + s1 + sa[so + i]];
    }
    Arrays.fill(sa, so + m, so + n, -1);
    bucketEnds(t, n, bkt, cOff, pOff, k);
    for (int i = m - 1; i >= 0; i--) {
      int p = sa[so + i];
      sa[so + i] = -1;
      sa[so + --bkt[pOff + t.at(p)]] = p;
    }
    induceL(t, n, sa, so, stype, bkt, cOff, pOff, k);
    induceS(t, n, sa, so, stype, bkt, cOff, pOff, k);
  }

  /** Bit i set means suffix i is S-type (smaller than suffix i+1); the last suffix is L-type. */
  private static long[] classify(Text t, int n) {
    long[] s = new long[(n >>> 6) + 1];
    boolean nextS = false;
    int next = t.at(n - 1);
    for (int i = n - 2; i >= 0; i--) {
      int c = t.at(i);
      boolean isS = c < next || (c == next && nextS);
      if (isS) {
        s[i >>> 6] |= 1L << i;
      }
      nextS = isS;
      next = c;
    }
    return s;
  }

  private static boolean isS(long[] s, int i) {
    return (s[i >>> 6] & (1L << i)) != 0;
  }

  private static boolean isLms(long[] s, int i) {
    return i > 0 && isS(s, i) && !isS(s, i - 1);
  }

  private static boolean sameLmsSubstring(Text t, int n, long[] s, int p, int q) {
    for (int d = 0; ; d++) {
      if (p + d == n || q + d == n) {
        return false;
      }
      if (t.at(p + d) != t.at(q + d) || isS(s, p + d) != isS(s, q + d)) {
        return false;
      }
      if (d > 0 && isLms(s, p + d)) {
        return true;
      }
    }
  }

  private static void count(Text t, int n, int[] b, int off, int k) {
    Arrays.fill(b, off, off + k, 0);
    for (int i = 0; i < n; i++) {
      b[off + t.at(i)]++;
    }
  }

  /** Bucket starts into {@code b[pOff..]}, from the counts at {@code cOff} (< 0: recount). */
  private static void bucketStarts(Text t, int n, int[] b, int cOff, int pOff, int k) {
    if (cOff < 0) {
      count(t, n, b, pOff, k);
    }
    int from = cOff < 0 ? pOff : cOff;
    int sum = 0;
    for (int c = 0; c < k; c++) {
      int size = b[from + c];
      b[pOff + c] = sum;
      sum += size;
    }
  }

  /** Bucket ends into {@code b[pOff..]}, from the counts at {@code cOff} (< 0: recount). */
  private static void bucketEnds(Text t, int n, int[] b, int cOff, int pOff, int k) {
    if (cOff < 0) {
      count(t, n, b, pOff, k);
    }
    int from = cOff < 0 ? pOff : cOff;
    int sum = 0;
    for (int c = 0; c < k; c++) {
      sum += b[from + c];
      b[pOff + c] = sum;
    }
  }

  private static void induceL(
      Text t, int n, int[] sa, int so, long[] s, int[] b, int cOff, int pOff, int k) {
    bucketStarts(t, n, b, cOff, pOff, k);
    // The virtual sentinel comes first and induces suffix n-1, always L-type.
    sa[so + b[pOff + t.at(n - 1)]++] = n - 1;
    for (int i = 0; i < n; i++) {
      int j = sa[so + i] - 1;
      if (j >= 0 && !isS(s, j)) {
        sa[so + b[pOff + t.at(j)]++] = j;
      }
    }
  }

  private static void induceS(
      Text t, int n, int[] sa, int so, long[] s, int[] b, int cOff, int pOff, int k) {
    bucketEnds(t, n, b, cOff, pOff, k);
    for (int i = n - 1; i >= 0; i--) {
      int j = sa[so + i] - 1;
      if (j >= 0 && isS(s, j)) {
        sa[so + --b[pOff + t.at(j)]] = j;
      }
    }
  }
}
