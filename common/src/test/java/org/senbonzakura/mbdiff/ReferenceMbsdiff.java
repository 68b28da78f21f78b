/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A plain, single-threaded model of Mozilla's mbsdiff written from the spec's prose (§3.6), not
 * from the production code, so that the two cross-check each other: a suffix array by
 * insertion-merge sort with a byte-by-byte comparator (the empty suffix first), an iterative binary
 * search, and the scan split into the spec's steps (find the next alignment; extend the previous
 * match forward and the new one backward with one shared scoring helper; split the overlap; emit a
 * triple). Slow and obvious on purpose; the production differ must produce the same bytes.
 */
final class ReferenceMbsdiff {
  /** A new alignment must beat the current one by more than this (bug 1434513). */
  private static final int THRESHOLD = 10;

  private final byte[] old;
  private final byte[] neu;
  private final int[] suffixes;
  private final ByteArrayOutputStream control = new ByteArrayOutputStream();
  private final ByteArrayOutputStream diffBlock = new ByteArrayOutputStream();
  private final ByteArrayOutputStream extraBlock = new ByteArrayOutputStream();

  /** End of the previous match in new and in old (where its forward extension starts). */
  private int prevNew;

  private int prevOld;

  /** The last search's result. */
  private int matchLen;

  private int matchPos;

  private ReferenceMbsdiff(byte[] old, byte[] neu) {
    this.old = old;
    this.neu = neu;
    this.suffixes = sortSuffixes(old);
  }

  static byte[] diff(byte[] old, byte[] neu) {
    return new ReferenceMbsdiff(old, neu).run();
  }

  /** All suffix start positions 0..n (n is the empty suffix), in lexicographic order. */
  private static int[] sortSuffixes(byte[] b) {
    int[] a = new int[b.length + 1];
    for (int i = 0; i < a.length; i++) {
      a[i] = i;
    }
    mergeSort(b, a, new int[a.length], 0, a.length);
    return a;
  }

  private static void mergeSort(byte[] b, int[] a, int[] tmp, int lo, int hi) {
    if (hi - lo < 2) {
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(b, a, tmp, lo, mid);
    mergeSort(b, a, tmp, mid, hi);
    int i = lo;
    int j = mid;
    int k = lo;
    while (k < hi) {
      boolean takeLeft = j >= hi || (i < mid && suffixCompare(b, a[i], a[j]) <= 0);
      tmp[k++] = takeLeft ? a[i++] : a[j++];
    }
    System.arraycopy(tmp, lo, a, lo, hi - lo);
  }

  private static int suffixCompare(byte[] b, int p, int q) {
    while (p < b.length && q < b.length) {
      int d = (b[p] & 0xFF) - (b[q] & 0xFF);
      if (d != 0) {
        return d;
      }
      p++;
      q++;
    }
    return (b.length - p) - (b.length - q);
  }

  /** memcmp of old[p..] with new[at..] over their common length (shorter one decides nothing). */
  private int memcmp(int p, int at) {
    int n = Math.min(old.length - p, neu.length - at);
    for (int i = 0; i < n; i++) {
      int d = (old[p + i] & 0xFF) - (neu[at + i] & 0xFF);
      if (d != 0) {
        return d;
      }
    }
    return 0;
  }

  private int commonLength(int p, int at) {
    int k = 0;
    while (p + k < old.length && at + k < neu.length && old[p + k] == neu[at + k]) {
      k++;
    }
    return k;
  }

  /** The spec's search: halve [lo, hi] going left on memcmp >= 0, then the better end wins. */
  private void search(int at) {
    int lo = 0;
    int hi = old.length;
    while (hi - lo > 1) {
      int mid = lo + (hi - lo) / 2;
      if (memcmp(suffixes[mid], at) < 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    int a = commonLength(suffixes[lo], at);
    int b = commonLength(suffixes[hi], at);
    matchLen = a > b ? a : b;
    matchPos = a > b ? suffixes[lo] : suffixes[hi];
  }

  /**
   * The spec's search at every position of {@code neu}, each packed as {@code (long) pos << 32 |
   * len}: what the production index must answer, alone or in a run of positions.
   */
  static long[] searches(byte[] old, byte[] neu) {
    ReferenceMbsdiff m = new ReferenceMbsdiff(old, neu);
    long[] out = new long[neu.length];
    for (int at = 0; at < neu.length; at++) {
      m.search(at);
      out[at] = ((long) m.matchPos << 32) | m.matchLen;
    }
    return out;
  }

  /** Whether new[at] equals old[at + shift] (false outside old). */
  private boolean agrees(int at, int shift) {
    int o = at + shift;
    return o < old.length && old[o] == neu[at];
  }

  private byte[] run() {
    int scan = 0;
    int shift = 0; // old position minus new position of the current alignment
    while (scan < neu.length) {
      // Step 4: walk forward until a search result is worth switching to.
      int score = 0;
      int counted = scan + matchLen;
      scan = counted;
      boolean switchNow = false;
      while (scan < neu.length) {
        search(scan);
        while (counted < scan + matchLen) {
          score += agrees(counted, shift) ? 1 : 0;
          counted++;
        }
        switchNow = (matchLen == score && matchLen != 0) || matchLen > score + THRESHOLD;
        if (switchNow) {
          break;
        }
        score -= agrees(scan, shift) ? 1 : 0;
        scan++;
      }
      if (matchLen == score && scan != neu.length) {
        continue; // the match just continues the current alignment
      }
      emit(scan);
      shift = matchPos - scan;
    }
    return assemble();
  }

  /** Step 5 for the alignment found at new position {@code scan} (or the file's end). */
  private void emit(int scan) {
    int forward = bestRun(prevNew, prevOld, scan - prevNew, old.length - prevOld, +1);
    int backward = 0;
    if (scan < neu.length) {
      backward = bestRun(scan - 1, matchPos - 1, scan - prevNew, matchPos, -1);
    }
    int overlap = (prevNew + forward) - (scan - backward);
    if (overlap > 0) {
      int keep = overlapSplit(scan, forward, backward, overlap);
      forward = forward - overlap + keep;
      backward = backward - keep;
    }
    int gapStart = prevNew + forward;
    int gapEnd = scan - backward;
    for (int i = 0; i < forward; i++) {
      diffBlock.write(neu[prevNew + i] - old[prevOld + i]);
    }
    extraBlock.write(neu, gapStart, gapEnd - gapStart);
    u32(control, forward);
    u32(control, gapEnd - gapStart);
    u32(control, (matchPos - backward) - (prevOld + forward));
    prevNew = gapEnd;
    prevOld = matchPos - backward;
  }

  /**
   * Length of the prefix (walking {@code step} = ±1 from new[n], old[o]) maximising 3·matches −
   * 2·length, at most {@code maxLen} and {@code maxOld} bytes; the first maximum wins.
   */
  private int bestRun(int n, int o, int maxLen, int maxOld, int step) {
    int limit = Math.min(maxLen, maxOld);
    int matches = 0;
    int bestValue = 0;
    int best = 0;
    for (int len = 1; len <= limit; len++) {
      int k = (len - 1) * step;
      if (neu[n + k] == old[o + k]) {
        matches++;
      }
      int value = 3 * matches - 2 * len;
      if (value > bestValue) {
        bestValue = value;
        best = len;
      }
    }
    return best;
  }

  /** How many overlap bytes stay with the forward extension: the split with most matches. */
  private int overlapSplit(int scan, int forward, int backward, int overlap) {
    int fwdNew = prevNew + forward - overlap;
    int fwdOld = prevOld + forward - overlap;
    int backNew = scan - backward;
    int backOld = matchPos - backward;
    int balance = 0;
    int bestBalance = 0;
    int keep = 0;
    for (int i = 1; i <= overlap; i++) {
      balance += neu[fwdNew + i - 1] == old[fwdOld + i - 1] ? 1 : 0;
      balance -= neu[backNew + i - 1] == old[backOld + i - 1] ? 1 : 0;
      if (balance > bestBalance) {
        bestBalance = balance;
        keep = i;
      }
    }
    return keep;
  }

  private byte[] assemble() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("MBDIFF10".getBytes(StandardCharsets.US_ASCII));
    u32(out, old.length);
    u32(out, crc(old));
    u32(out, neu.length);
    u32(out, control.size());
    u32(out, diffBlock.size());
    u32(out, extraBlock.size());
    out.writeBytes(control.toByteArray());
    out.writeBytes(diffBlock.toByteArray());
    out.writeBytes(extraBlock.toByteArray());
    return out.toByteArray();
  }

  /** CRC-32/BZIP2 computed bit by bit, independent of the production table. */
  static int crc(byte[] data) {
    int c = 0xFFFFFFFF;
    for (byte b : data) {
      c ^= (b & 0xFF) << 24;
      for (int k = 0; k < 8; k++) {
        c = c < 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
      }
    }
    return ~c;
  }

  private static void u32(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
