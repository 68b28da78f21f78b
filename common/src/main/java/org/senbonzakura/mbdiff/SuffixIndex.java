/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

/**
 * The old file and its suffix array, searched the way mbsdiff's {@code search} does: a binary
 * search over {@code I[0..n]} (entry 0 being the empty suffix) that goes left whenever the old
 * suffix compares {@code >=} the new bytes over their common length, then takes the longer of the
 * two final neighbours' matches (the right one on a tie). Those tie rules decide which old position
 * a match gets, so they are kept exactly. Comparisons skip the prefix already known to match both
 * interval ends (a sorted array's neighbours share it), which changes the cost, not the answer.
 * Thread-safe: searches only read.
 *
 * <p>The old file comes in two forms ({@link OldBytes}: a heap array or a mapping). The search
 * reads it through a local holding the heap array, or null when it is mapped, and the static
 * kernels of {@link OldBytes}, so the heap form's probes compare {@code byte[]} directly as before
 * the mapping existed, not through an {@code OldBytes} per probe (see {@link OldBytes}).
 */
public final class SuffixIndex implements MatchFinder {
  private final OldBytes old;

  /** {@code old.array()}: the old file's heap array, or null when it is mapped. */
  private final byte[] heap;

  private final int[] sa;
  private final int saOff;
  private final int base;
  private final int n;

  public SuffixIndex(byte[] old, int[] sa) {
    this(OldBytes.of(old), sa);
  }

  /**
   * The index of the old file {@code old} (a heap array or a mapping) with suffix array {@code sa}.
   */
  SuffixIndex(OldBytes old, int[] sa) {
    this(old, sa, 0, 0, old.length());
  }

  /**
   * An index of the part {@code old[base..base+n)} whose suffix array is {@code sa[saOff..saOff+n)}
   * (positions relative to {@code base}). Matches it returns may run on past the part's end into
   * the rest of {@code old}.
   */
  SuffixIndex(OldBytes old, int[] sa, int saOff, int base, int n) {
    this.old = old;
    this.heap = old.array();
    this.sa = sa;
    this.saOff = saOff;
    this.base = base;
    this.n = n;
    this.treeDepth = treeDepth(n);
    this.keys = new long[1 << treeDepth];
    this.keyLens = new byte[1 << treeDepth];
    fillTree(1, 0, n, 0);
  }

  /**
   * Depth of the cached top of the search tree. The binary search always probes the same midpoints
   * first; their first 8 bytes live in {@link #keys} (Eytzinger order: node k's children are 2k and
   * 2k+1), so those probes touch one small array instead of the suffix array and then the old file,
   * two dependent cache misses. Same decisions, fewer misses.
   */
  private final int treeDepth;

  /** Deepest tree kept: 2^21 nodes, 9 bytes each, 18.9 MB (0.11 × a 177 MB libxul). */
  static final int MAX_TREE_DEPTH = 21;

  /**
   * The tree's depth for {@code n} suffixes: 7 levels short of the whole search, at most {@link
   * #MAX_TREE_DEPTH}, so it never takes more than 9 × 2^(bits(n) − 7) ≤ 0.15 n bytes. Deeper is
   * faster where the search is slow: on the major libxul pair (docs/benchmarks.md, session 12)
   * depths 17, 20 and 22 gave scan CPU 200, 168 and 144 s, the same patch.
   */
  static int treeDepth(int n) {
    int bits = 32 - Integer.numberOfLeadingZeros(n);
    return Math.max(0, Math.min(MAX_TREE_DEPTH, bits - 7));
  }

  private final long[] keys;
  private final byte[] keyLens;

  private void fillTree(int node, int st, int en, int depth) {
    if (depth >= treeDepth || en - st < 2) {
      return;
    }
    int x = st + (en - st) / 2;
    int p = suffix(x);
    int len = Math.min(8, base + n - p);
    keys[node] = old.key8(p, len);
    keyLens[node] = (byte) len;
    fillTree(2 * node, st, x, depth + 1);
    fillTree(2 * node + 1, x, en, depth + 1);
  }

  /** Builds the suffix array of {@code old} single-threaded. */
  public static SuffixIndex of(byte[] old) {
    return of(old, 1);
  }

  /** Builds the suffix array of {@code old} on up to {@code threads} threads (same array). */
  public static SuffixIndex of(byte[] old, int threads) {
    return of(OldBytes.of(old), threads);
  }

  /**
   * Builds the suffix array of the old file in either form (a mapped one stays off the heap) on up
   * to {@code threads} threads.
   */
  static SuffixIndex of(OldBytes old, int threads) {
    return new SuffixIndex(old, SuffixArrays.build(old, threads));
  }

  @Override
  public OldBytes oldBytes() {
    return old;
  }

  /** mbsdiff's {@code I[k]} (absolute): {@code I[0]} is the empty suffix at the part's end. */
  private int suffix(int k) {
    return base + (k == 0 ? n : sa[saOff + k - 1]);
  }

  @Override
  public long search(NewBytes neu, int from, int to, int preferredPos) {
    return search(neu, from, to);
  }

  /**
   * Finds a longest match of {@code neu[from..to)} in the old file as mbsdiff does.
   *
   * @return the match, packed as {@code (long) pos << 32 | len}
   */
  public long search(byte[] neu, int from, int to) {
    return search(NewBytes.of(neu), from, to);
  }

  long search(NewBytes neu, int from, int to) {
    byte[] a = heap; // null when mapped: one form per index, see the class comment
    int end = base + n;
    int st = 0;
    int en = n;
    int lcpSt = 0; // exact: I[0] is the empty suffix
    int lcpEn = 0; // a lower bound until en is compared
    int newLen = to - from;
    int newAvail = Math.min(8, newLen);
    long newKey = neu.key8(from, newAvail);
    int node = 1;
    while (en - st >= 2) {
      int x = st + (en - st) / 2;
      int h = Math.min(lcpSt, lcpEn);
      if (node < keys.length) {
        int m = Math.min(keyLens[node], newAvail);
        long diff = (keys[node] ^ newKey) & (m == 0 ? 0 : -1L << (64 - 8 * m));
        if (diff != 0) {
          int b = Long.numberOfLeadingZeros(diff) >>> 3;
          int shift = 56 - 8 * b;
          if (((keys[node] >>> shift) & 0xFF) < ((newKey >>> shift) & 0xFF)) {
            st = x;
            lcpSt = b;
            node = 2 * node + 1;
          } else {
            en = x;
            lcpEn = b;
            node = 2 * node;
          }
          continue;
        }
        if (keyLens[node] < 8 || newAvail < 8) {
          // One side ended inside the key: memcmp over the shorter length is 0.
          en = x;
          lcpEn = m;
          node = 2 * node;
          continue;
        }
        h = Math.max(h, 8);
      }
      int p = suffix(x);
      int limit = Math.min(end - p, newLen);
      int k = OldBytes.mismatch(neu, from + h, a, old, p + h, limit - h);
      if (k < 0) {
        en = x;
        lcpEn = limit;
        node = 2 * node;
      } else if ((OldBytes.get(a, old, p + h + k) & 0xFF) < (neu.get(from + h + k) & 0xFF)) {
        st = x;
        lcpSt = h + k;
        node = 2 * node + 1;
      } else {
        en = x;
        lcpEn = h + k;
        node = 2 * node;
      }
    }
    int ps = suffix(st);
    int pe = suffix(en);
    int x = matchFrom(a, ps, neu, from, to, lcpSt);
    int y = matchFrom(a, pe, neu, from, to, lcpEn);
    return x > y ? ((long) ps << 32) | x : ((long) pe << 32) | y;
  }

  /** The match length at old position {@code p}, {@code known} bytes already known to match. */
  private int matchFrom(byte[] a, int p, NewBytes neu, int from, int to, int known) {
    int limit = Math.min((a != null ? a.length : old.length()) - p, to - from);
    if (known >= limit) {
      return limit;
    }
    int k = OldBytes.mismatch(neu, from + known, a, old, p + known, limit - known);
    return k < 0 ? limit : known + k;
  }
}
