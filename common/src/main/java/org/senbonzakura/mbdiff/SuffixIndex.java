/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.util.Arrays;

/**
 * The old file and its suffix array, searched the way mbsdiff's {@code search} does: a binary
 * search over {@code I[0..n]} (entry 0 being the empty suffix) that goes left whenever the old
 * suffix compares {@code >=} the new bytes over their common length, then takes the longer of the
 * two final neighbours' matches (the right one on a tie). Those tie rules decide which old position
 * a match gets, so they are kept exactly. Comparisons skip the prefix already known to match both
 * interval ends (a sorted array's neighbours share it), which changes the cost, not the answer.
 * Thread-safe: searches only read.
 */
public final class SuffixIndex {
  private final byte[] old;
  private final int[] sa;

  public SuffixIndex(byte[] old, int[] sa) {
    this.old = old;
    this.sa = sa;
  }

  /** Builds the suffix array of {@code old} single-threaded. */
  public static SuffixIndex of(byte[] old) {
    return new SuffixIndex(old, SuffixArrays.build(old));
  }

  public byte[] old() {
    return old;
  }

  /** mbsdiff's {@code I[k]}: {@code I[0]} is the empty suffix at {@code n}. */
  private int suffix(int k) {
    return k == 0 ? old.length : sa[k - 1];
  }

  /**
   * Finds a longest match of {@code neu[from..to)} in the old file as mbsdiff does.
   *
   * @return the match, packed as {@code (long) pos << 32 | len}
   */
  public long search(byte[] neu, int from, int to) {
    int n = old.length;
    int st = 0;
    int en = n;
    int lcpSt = 0; // exact: I[0] is the empty suffix
    int lcpEn = 0; // a lower bound until en is compared
    int newLen = to - from;
    while (en - st >= 2) {
      int x = st + (en - st) / 2;
      int p = suffix(x);
      int h = Math.min(lcpSt, lcpEn);
      int limit = Math.min(n - p, newLen);
      int k = Arrays.mismatch(old, p + h, p + limit, neu, from + h, from + limit);
      if (k < 0) {
        en = x;
        lcpEn = limit;
      } else if ((old[p + h + k] & 0xFF) < (neu[from + h + k] & 0xFF)) {
        st = x;
        lcpSt = h + k;
      } else {
        en = x;
        lcpEn = h + k;
      }
    }
    int ps = suffix(st);
    int pe = suffix(en);
    int x = matchFrom(ps, neu, from, to, lcpSt);
    int y = matchFrom(pe, neu, from, to, lcpEn);
    return x > y ? ((long) ps << 32) | x : ((long) pe << 32) | y;
  }

  private int matchFrom(int p, byte[] neu, int from, int to, int known) {
    int limit = Math.min(old.length - p, to - from);
    if (known >= limit) {
      return limit;
    }
    int k = Arrays.mismatch(old, p + known, p + limit, neu, from + known, from + limit);
    return k < 0 ? limit : known + k;
  }
}
