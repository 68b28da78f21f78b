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
 * reduced string and its buckets inside the result array where it can, so the working memory beyond
 * the {@code int[n]} result is about {@code n/8} bytes of type bits.
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
    int[] sa = new int[len];
    sais(new ByteText(data, off), len, 256, sa, new int[512], 0);
    return sa;
  }

  /**
   * Sorts the suffixes of {@code t[0..n)} (with a virtual smallest sentinel after it) into {@code
   * sa[0..n)}. {@code bkt} from {@code bOff} has room for 2k ints (counts, then bucket pointers).
   */
  private static void sais(Text t, int n, int k, int[] sa, int[] bkt, int bOff) {
    if (n == 0) {
      return;
    }
    if (n == 1) {
      sa[0] = 0;
      return;
    }
    long[] stype = classify(t, n);
    int cOff = bOff;
    int pOff = bOff + k;
    Arrays.fill(bkt, cOff, cOff + k, 0);
    for (int i = 0; i < n; i++) {
      bkt[cOff + t.at(i)]++;
    }

    // Stage 1: sort the LMS substrings by induction from unsorted LMS positions.
    Arrays.fill(sa, 0, n, -1);
    bucketEnds(bkt, cOff, pOff, k);
    for (int i = n - 1; i >= 1; i--) {
      if (isLms(stype, i)) {
        sa[--bkt[pOff + t.at(i)]] = i;
      }
    }
    induceL(t, n, sa, stype, bkt, cOff, pOff, k);
    induceS(t, n, sa, stype, bkt, cOff, pOff, k);

    int m = 0;
    for (int i = 0; i < n; i++) {
      int p = sa[i];
      if (isLms(stype, p)) {
        sa[m++] = p;
      }
    }
    // Name the sorted LMS substrings; names land at sa[m + p/2], distinct slots since LMS
    // positions are at least two apart.
    Arrays.fill(sa, m, n, -1);
    int names = 0;
    int prev = -1;
    for (int i = 0; i < m; i++) {
      int p = sa[i];
      if (prev < 0 || !sameLmsSubstring(t, n, stype, p, prev)) {
        names++;
      }
      prev = p;
      sa[m + (p >>> 1)] = names - 1;
    }
    for (int i = n - 1, j = n - 1; i >= m; i--) {
      if (sa[i] >= 0) {
        sa[j--] = sa[i];
      }
    }
    int s1 = n - m;

    // Stage 2: sort the reduced string, recursively if names repeat.
    if (names < m) {
      int free = n - 2 * m;
      if (2 * names <= free) {
        sais(new IntText(sa, s1), m, names, sa, sa, m);
      } else {
        sais(new IntText(sa, s1), m, names, sa, new int[2 * names], 0);
      }
    } else {
      for (int i = 0; i < m; i++) {
        sa[sa[s1 + i]] = i;
      }
    }

    // Stage 3: map back to LMS positions, seed them in sorted order, induce the rest.
    for (int i = 1, j = s1; i < n; i++) {
      if (isLms(stype, i)) {
        sa[j++] = i;
      }
    }
    for (int i = 0; i < m; i++) {
      sa[i] = sa[s1 + sa[i]];
    }
    Arrays.fill(sa, m, n, -1);
    bucketEnds(bkt, cOff, pOff, k);
    for (int i = m - 1; i >= 0; i--) {
      int p = sa[i];
      sa[i] = -1;
      sa[--bkt[pOff + t.at(p)]] = p;
    }
    induceL(t, n, sa, stype, bkt, cOff, pOff, k);
    induceS(t, n, sa, stype, bkt, cOff, pOff, k);
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

  private static void bucketStarts(int[] b, int cOff, int pOff, int k) {
    int sum = 0;
    for (int c = 0; c < k; c++) {
      b[pOff + c] = sum;
      sum += b[cOff + c];
    }
  }

  private static void bucketEnds(int[] b, int cOff, int pOff, int k) {
    int sum = 0;
    for (int c = 0; c < k; c++) {
      sum += b[cOff + c];
      b[pOff + c] = sum;
    }
  }

  private static void induceL(
      Text t, int n, int[] sa, long[] s, int[] b, int cOff, int pOff, int k) {
    bucketStarts(b, cOff, pOff, k);
    // The virtual sentinel comes first and induces suffix n-1, always L-type.
    sa[b[pOff + t.at(n - 1)]++] = n - 1;
    for (int i = 0; i < n; i++) {
      int j = sa[i] - 1;
      if (j >= 0 && !isS(s, j)) {
        sa[b[pOff + t.at(j)]++] = j;
      }
    }
  }

  private static void induceS(
      Text t, int n, int[] sa, long[] s, int[] b, int cOff, int pOff, int k) {
    bucketEnds(b, cOff, pOff, k);
    for (int i = n - 1; i >= 0; i--) {
      int j = sa[i] - 1;
      if (j >= 0 && isS(s, j)) {
        sa[--b[pOff + t.at(j)]] = j;
      }
    }
  }
}
