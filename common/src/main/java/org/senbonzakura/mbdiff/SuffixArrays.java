/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Builds the suffix array of a byte array with SA-IS (induced sorting, linear time).
 *
 * <p>A suffix array is unique, so this gives exactly the order that mbsdiff's qsufsort computes;
 * only the speed differs. The result holds the {@code n} real suffixes; mbsdiff's extra entry for
 * the empty suffix (always first) is implicit, see {@link SuffixIndex}. The recursion keeps the
 * reduced string and its buckets inside the result array, and no L/S type array is kept (types are
 * read off neighbouring characters, see {@link #sais}), so the working memory beyond the {@code
 * int[n]} result is a few KiB: the 5 × n heap bound of exact mode (old file plus suffix array) is
 * not broken by the sort (until 2026-12 the type bits cost n/8 + n/16 bytes, 5.19 × n in all).
 * Where the free part of the array cannot hold both counts and pointers (2 ints per name), a level
 * keeps the pointers alone and recounts the text before each use: a pass over an int array is
 * cheap, while an allocated {@code int[2 · names]} cost about 0.75 × n bytes on libxul, enough to
 * break the differ's 6 × n heap bound.
 *
 * <p>{@link #build(byte[], int)} shares the work with helper threads ({@link SortPool}): they read
 * the text ahead of each induction scan, block by block, and the caller uses what they read only
 * after checking it still applies, so the array never depends on the threads or their timing. The
 * read-ahead buffers add 1 MiB, whatever {@code n}.
 */
public final class SuffixArrays {
  private SuffixArrays() {}

  /** The text being sorted: bytes at the top level, names of substrings in the recursion. */
  private interface Text {
    int at(int i);
  }

  /**
   * The top level's bytes: a heap array, or (with {@code b} null) a mapped old file ({@link
   * OldBytes}), whose reads go to the page cache. One class for both forms, not one each: the
   * sort's many {@link Text#at} call sites then see two classes at most (this and {@link IntText}),
   * which the JIT inlines, where a third would make them virtual calls for every text the JVM sorts
   * after it met all three. Within a sort {@code b} never changes, so the JIT compiles only the
   * form the run takes, and a heap array is read as before the mapping existed.
   */
  private static final class ByteText implements Text {
    private final byte[] b;
    private final int off;
    private final ByteBuffer mapped;

    ByteText(byte[] b, int off) {
      this.b = b;
      this.off = off;
      this.mapped = null;
    }

    ByteText(ByteBuffer mapped) {
      this.b = null;
      this.off = 0;
      this.mapped = mapped;
    }

    @Override
    public int at(int i) {
      return (b != null ? b[off + i] : mapped.get(i)) & 0xFF;
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

  /**
   * As {@link #build(byte[])} on up to {@code threads} threads (the differ's thread setting). The
   * array is the same for any count: the helpers only read ahead of the induction scans and share
   * out passes whose entries are independent (see {@link #induceLBlocks}). Inputs under {@link
   * #PARALLEL_MIN} bytes sort on the caller alone, where starting threads would cost more than they
   * save.
   */
  public static int[] build(byte[] data, int threads) {
    return buildParallel(data, data.length < PARALLEL_MIN ? 1 : threads, BLOCK, false);
  }

  /**
   * As {@link #build(byte[], int)} on the old file in either form: a mapped file is sorted where it
   * lies, so the heap holds only the result. A heap array sorts exactly as {@link #build(byte[],
   * int)} does.
   */
  static int[] build(OldBytes old, int threads) {
    return buildParallel(old, old.length() < PARALLEL_MIN ? 1 : threads, BLOCK, false);
  }

  /** Below this many bytes the sort stays on the caller's thread. */
  static final int PARALLEL_MIN = 1 << 20;

  /**
   * Entries per block of a parallel induction pass: big enough that handing a block to a helper
   * costs little against reading it, small enough that the four block buffers (16 bytes per entry,
   * 1 MiB in all) stay in the caches.
   */
  static final int BLOCK = 1 << 16;

  /**
   * As {@link #build(byte[], int)} with any input size and block size, for tests; {@code
   * recountAlways} as in {@link #build(byte[], int, int, boolean)}.
   */
  static int[] buildParallel(byte[] data, int threads, int block, boolean recountAlways) {
    return buildParallel(new ByteText(data, 0), data.length, threads, block, recountAlways);
  }

  /** As {@link #buildParallel(byte[], int, int, boolean)} on the old file in either form. */
  static int[] buildParallel(OldBytes old, int threads, int block, boolean recountAlways) {
    byte[] a = old.array();
    Text t = a != null ? new ByteText(a, 0) : new ByteText(old.buffer());
    return buildParallel(t, old.length(), threads, block, recountAlways);
  }

  private static int[] buildParallel(Text t, int n, int threads, int block, boolean recountAlways) {
    int[] sa = new int[n];
    if (threads < 2) {
      sais(t, n, 256, sa, 0, new int[512], 0, false, recountAlways, null);
      return sa;
    }
    try (SortPool pool = new SortPool(threads, block)) {
      sais(t, n, 256, sa, 0, new int[512], 0, false, recountAlways, pool);
    }
    return sa;
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
    sais(new ByteText(data, off), len, 256, sa, saOff, new int[512], 0, false, recountAlways, null);
  }

  /**
   * Sorts the suffixes of {@code t[0..n)} (with a virtual smallest sentinel after it) into {@code
   * sa[so..so+n)}. {@code bkt} from {@code bOff} has room for 2k ints (counts, then bucket
   * pointers), or with {@code recount} for k ints (pointers only, counts recomputed from the text
   * each time).
   *
   * <p>No L/S type array: a suffix's type only matters for its predecessor while inducing, and the
   * predecessor's type follows from two neighbouring characters once the suffix's own type is known
   * (see {@link #induceL}). So each entry carries in its sign bit whether its predecessor is still
   * to be induced by the running pass, and LMS positions are recognised from the text.
   */
  private static void sais(
      Text t,
      int n,
      int k,
      int[] sa,
      int so,
      int[] bkt,
      int bOff,
      boolean recount,
      boolean lean,
      SortPool par) {
    if (n == 0) {
      return;
    }
    if (n == 1) {
      sa[so] = 0;
      return;
    }
    // With recount the counts live where the pointers go and are rebuilt before each use.
    int cOff = recount ? -1 : bOff;
    int pOff = recount ? bOff : bOff + k;
    if (!recount) {
      count(t, n, bkt, cOff, k);
    }

    // Stage 1: sort the LMS substrings by induction from unsorted LMS positions.
    Arrays.fill(sa, so, so + n, EMPTY);
    bucketEnds(t, n, bkt, cOff, pOff, k);
    int m = 0;
    boolean nextS = false; // suffix n-1 is L-type: the sentinel is smaller
    int next = t.at(n - 1);
    for (int i = n - 2; i >= 0; i--) {
      int c = t.at(i);
      boolean isS = c < next || (c == next && nextS);
      if (nextS && !isS) {
        sa[so + --bkt[pOff + next]] = i + 1;
        m++;
      }
      nextS = isS;
      next = c;
    }
    induceL(t, n, sa, so, bkt, cOff, pOff, k, true, par);
    induceS(t, n, sa, so, bkt, cOff, pOff, k, true, par);

    // Only the LMS suffixes are left, as ~p, in the order of their LMS substrings.
    for (int i = 0, j = 0; i < n; i++) {
      int v = sa[so + i];
      if (v < 0) {
        sa[so + j++] = ~v;
      }
    }
    // Each LMS substring's length (through the next LMS character; one past the text for the
    // last, which reaches the sentinel and equals no other) goes to slice slot m + p/2, distinct
    // slots since LMS positions are at least two apart; then its name replaces it there.
    Arrays.fill(sa, so + m, so + n, -1);
    nextS = false;
    next = t.at(n - 1);
    int nextLms = n + 1;
    for (int i = n - 2; i >= 0; i--) {
      int c = t.at(i);
      boolean isS = c < next || (c == next && nextS);
      if (nextS && !isS) {
        sa[so + m + ((i + 1) >>> 1)] = nextLms - i;
        nextLms = i + 1;
      }
      nextS = isS;
      next = c;
    }
    int names = par == null ? name(t, n, sa, so, m) : name(t, n, sa, so, m, par);
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
        sais(reduced, m, names, sa, so, sa, so + m, false, lean, par);
      } else if (names <= free) {
        sais(reduced, m, names, sa, so, sa, so + m, true, lean, par);
      } else {
        sais(reduced, m, names, sa, so, new int[names], 0, true, lean, par);
      }
    } else {
      // Every name is unique: the reduced string's suffix array is its inverse.
      inParts(
          par,
          0,
          m,
          (part, from, to) -> {
            for (int i = from; i < to; i++) {
              sa[so + sa[so + s1 + i]] = i;
            }
          });
    }

    // Stage 3: map back to LMS positions, seed them in sorted order, induce the rest.
    nextS = false;
    next = t.at(n - 1);
    for (int i = n - 2, j = n - 1; i >= 0; i--) {
      int c = t.at(i);
      boolean isS = c < next || (c == next && nextS);
      if (nextS && !isS) {
        sa[so + j--] = i + 1;
      }
      nextS = isS;
      next = c;
    }
    inParts(
        par,
        0,
        m,
        (part, from, to) -> {
          for (int i = from; i < to; i++) {
            sa[so + i] = sa[so + s1 + sa[so + i]];
          }
        });
    Arrays.fill(sa, so + m, so + n, EMPTY);
    bucketEnds(t, n, bkt, cOff, pOff, k);
    if (par == null) {
      for (int i = m - 1; i >= 0; i--) {
        int p = sa[so + i];
        sa[so + i] = EMPTY;
        sa[so + --bkt[pOff + t.at(p)]] = p;
      }
    } else {
      seedBlocks(t, sa, so, m, bkt, pOff, par);
    }
    induceL(t, n, sa, so, bkt, cOff, pOff, k, false, par);
    induceS(t, n, sa, so, bkt, cOff, pOff, k, false, par);
  }

  /**
   * Runs {@code task} over {@code [from, to)}: split among the pool's threads, or on the caller.
   * Only for loops whose iterations write disjoint slots and read nothing another writes.
   */
  private static void inParts(SortPool par, int from, int to, SortPool.RangeTask task) {
    if (par == null) {
      task.run(0, from, to);
    } else {
      par.forRange(from, to, task);
    }
  }

  /**
   * Names the {@code m} sorted LMS substrings, whose lengths are at slot {@code m + p/2}: each gets
   * the count of distinct ones before it, written over its length. Returns the count.
   */
  private static int name(Text t, int n, int[] sa, int so, int m) {
    int names = 0;
    int prev = -1;
    int prevLen = 0;
    for (int i = 0; i < m; i++) {
      int p = sa[so + i];
      int len = sa[so + m + (p >>> 1)];
      if (len != prevLen || !sameChars(t, n, p, prev, len)) {
        names++;
      }
      prev = p;
      prevLen = len;
      sa[so + m + (p >>> 1)] = names - 1;
    }
    return names;
  }

  /**
   * {@link #name(Text, int, int[], int, int)} on the pool. Whether a substring differs from its
   * sorted predecessor depends on the two alone, so the comparisons (the cache-missing part) run in
   * parallel ranges that mark each new name as {@code ~p} and count them; then each range writes
   * its names, starting from the count of the ranges before it. Every range reads its left
   * neighbour's last entry, which that range may be marking meanwhile: either form gives the same
   * position.
   */
  private static int name(Text t, int n, int[] sa, int so, int m, SortPool par) {
    int[] fresh = new int[par.parts()];
    par.forRange(
        0,
        m,
        (part, from, to) -> {
          int count = 0;
          int prev = from == 0 ? -1 : unmark(sa[so + from - 1]);
          int prevLen = prev < 0 ? 0 : sa[so + m + (prev >>> 1)];
          for (int i = from; i < to; i++) {
            int p = sa[so + i];
            int len = sa[so + m + (p >>> 1)];
            if (len != prevLen || !sameChars(t, n, p, prev, len)) {
              sa[so + i] = ~p;
              count++;
            }
            prev = p;
            prevLen = len;
          }
          fresh[part] = count;
        });
    int[] before = new int[fresh.length];
    int names = 0;
    for (int part = 0; part < fresh.length; part++) {
      before[part] = names;
      names += fresh[part];
    }
    par.forRange(
        0,
        m,
        (part, from, to) -> {
          int name = before[part] - 1;
          for (int i = from; i < to; i++) {
            int p = sa[so + i];
            if (p < 0) {
              p = ~p;
              sa[so + i] = p;
              name++;
            }
            sa[so + m + (p >>> 1)] = name;
          }
        });
    return names;
  }

  private static int unmark(int v) {
    return v < 0 ? ~v : v;
  }

  /**
   * An empty slot. Suffix 0 is stored as 0 too, which is harmless: it has no predecessor to induce,
   * and by the end of each induction every slot holds a suffix.
   */
  private static final int EMPTY = 0;

  /**
   * Whether the LMS substrings at {@code p} and {@code q}, both {@code len} long, are equal. Equal
   * characters and length mean equal types too: types follow from the characters right to left, and
   * both end on an LMS (S-type) character; one running past the text equals nothing.
   */
  private static boolean sameChars(Text t, int n, int p, int q, int len) {
    if (q < 0 || p + len > n || q + len > n) {
      return false;
    }
    for (int d = 0; d < len; d++) {
      if (t.at(p + d) != t.at(q + d)) {
        return false;
      }
    }
    return true;
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

  /**
   * Induces the L-type suffixes left to right from the seeded LMS suffixes. On entry every entry
   * {@code v > 0} has an L-type predecessor {@code v - 1} (LMS seeds do by definition). When an
   * L-type suffix {@code j} is placed, its predecessor is S-type exactly when {@code t[j-1] < t[j]}
   * (equal characters share the type), and then it is stored as {@code ~j}: skipped here, left for
   * {@link #induceS}. Each scanned entry is flipped, so on return an entry {@code v > 0} is one
   * whose predecessor is S-type and a negative one is done. With {@code lmsOnly} (stage 1, where
   * only the LMS order is wanted) a done entry is emptied instead: nothing later needs it.
   */
  private static void induceL(
      Text t,
      int n,
      int[] sa,
      int so,
      int[] b,
      int cOff,
      int pOff,
      int k,
      boolean lmsOnly,
      SortPool par) {
    bucketStarts(t, n, b, cOff, pOff, k);
    // The virtual sentinel comes first and induces suffix n-1, always L-type.
    int last = t.at(n - 1);
    sa[so + b[pOff + last]++] = n > 1 && t.at(n - 2) < last ? ~(n - 1) : n - 1;
    if (par != null) {
      induceLBlocks(t, n, sa, so, b, pOff, lmsOnly, par);
      return;
    }
    for (int i = 0; i < n; i++) {
      int v = sa[so + i];
      if (v > 0) {
        int j = v - 1;
        int c = t.at(j);
        sa[so + b[pOff + c]++] = j > 0 && t.at(j - 1) < c ? ~j : j;
        sa[so + i] = lmsOnly ? EMPTY : ~v;
      } else if (v < 0) {
        sa[so + i] = ~v;
      }
    }
  }

  /**
   * Induces the S-type suffixes right to left, as {@link #induceL} left it: an entry {@code v > 0}
   * has an S-type predecessor. A placed S-type suffix {@code j} has an S-type predecessor exactly
   * when {@code t[j-1] <= t[j]}; otherwise it is LMS and stored as {@code ~j}. Every slot is final
   * when scanned, and negative entries are restored then, so on return {@code sa} holds plain
   * positions. With {@code lmsOnly} a used entry is emptied and negative ones are kept (suffix 0,
   * not LMS and inducing nothing, is not stored): on return exactly the LMS suffixes are left, as
   * {@code ~p}, in the order of their LMS substrings.
   */
  private static void induceS(
      Text t,
      int n,
      int[] sa,
      int so,
      int[] b,
      int cOff,
      int pOff,
      int k,
      boolean lmsOnly,
      SortPool par) {
    bucketEnds(t, n, b, cOff, pOff, k);
    if (par != null) {
      induceSBlocks(t, n, sa, so, b, pOff, lmsOnly, par);
      return;
    }
    for (int i = n - 1; i >= 0; i--) {
      int v = sa[so + i];
      if (v > 0) {
        int j = v - 1;
        int c = t.at(j);
        sa[so + --b[pOff + c]] = j == 0 ? EMPTY : t.at(j - 1) <= c ? j : ~j;
        if (lmsOnly) {
          sa[so + i] = EMPTY;
        }
      } else if (v < 0 && !lmsOnly) {
        sa[so + i] = ~v;
      }
    }
  }

  /**
   * {@link #induceL}'s scan in blocks, with the pool's helpers reading one block ahead. For each
   * entry {@code v > 0} of the next block, a helper notes {@code v} and what placing {@code v - 1}
   * needs: its bucket {@code t[v-1]}, negated when its predecessor is S-type ({@code t[v-2] <
   * t[v-1]}). Those text reads are the cache misses; the caller, meanwhile placing the current
   * block, then only reads two small buffers and writes the bucket heads. The scan may still be
   * filling the block the helpers read (entries land ahead of it), so a helper can see a slot
   * before its final value; the caller uses a noted result only when the slot still holds the noted
   * entry (the result depends on the entry alone) and works the rest out itself. So the array is
   * the serial pass's whatever the timing.
   */
  private static void induceLBlocks(
      Text t, int n, int[] sa, int so, int[] b, int pOff, boolean lmsOnly, SortPool par) {
    int block = par.block;
    int step = Math.max(1, block / 16);
    int share = block; // the helpers' part of a block's notes, from its start
    int helped = Math.min(n, share);
    CompletableFuture<Void> ahead = readAheadL(t, sa, so, 0, helped, 0, par, 0);
    for (int s = 0, buf = 0; s < n; s += block, buf ^= 1) {
      int e = Math.min(n, s + block);
      int[] seen = par.seen[buf];
      int[] code = par.code[buf];
      noteL(t, sa, so, helped, e, s, seen, code);
      share = adapt(ahead, share, step, block);
      if (e < n) {
        helped = Math.min(n, e + share);
        ahead = readAheadL(t, sa, so, e, helped, e, par, buf ^ 1);
      }
      for (int i = s; i < e; i++) {
        int v = sa[so + i];
        if (v > 0) {
          int j = v - 1;
          int cd;
          if (seen[i - s] == v) {
            cd = code[i - s];
          } else {
            int c = t.at(j);
            cd = j > 0 && t.at(j - 1) < c ? ~c : c;
          }
          if (cd >= 0) {
            sa[so + b[pOff + cd]++] = j;
          } else {
            sa[so + b[pOff + ~cd]++] = ~j;
          }
          sa[so + i] = lmsOnly ? EMPTY : ~v;
        } else if (v < 0) {
          sa[so + i] = ~v;
        }
      }
    }
  }

  /**
   * Stage 3's seeding of the sorted LMS suffixes {@code sa[0..m)} at their bucket ends, right to
   * left, with the helpers looking up the next block's characters (the cache misses) meanwhile. The
   * suffix at index {@code i} lands at index {@code i} or later (every suffix sorted before it
   * lands before it), so the block being looked up is never written while it is read: no check is
   * needed.
   */
  private static void seedBlocks(Text t, int[] sa, int so, int m, int[] b, int pOff, SortPool par) {
    int block = par.block;
    CompletableFuture<Void> ahead = lookUp(t, sa, so, Math.max(0, m - block), m, par, 0);
    for (int e = m, buf = 0; e > 0; e -= block, buf ^= 1) {
      int s = Math.max(0, e - block);
      ahead.join();
      if (s > 0) {
        ahead = lookUp(t, sa, so, Math.max(0, s - block), s, par, buf ^ 1);
      }
      int[] c = par.code[buf];
      for (int i = e - 1; i >= s; i--) {
        int p = sa[so + i];
        sa[so + i] = EMPTY;
        sa[so + --b[pOff + c[i - s]]] = p;
      }
    }
  }

  /**
   * Starts the helpers writing {@code t[sa[i]]} for {@code i} in {@code [from, to)} to a buffer.
   */
  private static CompletableFuture<Void> lookUp(
      Text t, int[] sa, int so, int from, int to, SortPool par, int buf) {
    int[] c = par.code[buf];
    return par.ahead(
        from,
        to,
        (part, a, z) -> {
          for (int i = a; i < z; i++) {
            c[i - from] = t.at(sa[so + i]);
          }
        });
  }

  /**
   * Waits for the helpers' notes and returns their next share of a block: larger when they had
   * finished before the caller needed them (the caller, placing and noting the rest, was the
   * slower), smaller otherwise, so the two sides take about equal time. Only the timing depends on
   * it.
   */
  private static int adapt(CompletableFuture<Void> ahead, int share, int step, int block) {
    boolean idle = ahead.isDone();
    ahead.join();
    return Math.max(step, Math.min(block, share + (idle ? step : -step)));
  }

  /**
   * Starts the helpers noting entries {@code [from, to)} into buffer {@code buf} from {@code base}.
   */
  private static CompletableFuture<Void> readAheadL(
      Text t, int[] sa, int so, int from, int to, int base, SortPool par, int buf) {
    int[] seen = par.seen[buf];
    int[] code = par.code[buf];
    return par.ahead(from, to, (part, a, z) -> noteL(t, sa, so, a, z, base, seen, code));
  }

  /** Notes entries {@code [from, to)} for {@link #induceLBlocks}, at index {@code i - base}. */
  private static void noteL(
      Text t, int[] sa, int so, int from, int to, int base, int[] seen, int[] code) {
    for (int i = from; i < to; i++) {
      int v = sa[so + i];
      seen[i - base] = v;
      if (v > 0) {
        int j = v - 1;
        int c = t.at(j);
        code[i - base] = j > 0 && t.at(j - 1) < c ? ~c : c;
      }
    }
  }

  /**
   * {@link #induceS}'s scan in blocks from the right, read ahead as in {@link #induceLBlocks}: the
   * note for {@code v > 0} is the bucket {@code t[v-1]}, negated when the predecessor {@code v - 2}
   * is L-type ({@code t[v-2] > t[v-1]}, so {@code v - 1} is LMS and stored as {@code ~(v-1)}).
   */
  private static void induceSBlocks(
      Text t, int n, int[] sa, int so, int[] b, int pOff, boolean lmsOnly, SortPool par) {
    int block = par.block;
    int step = Math.max(1, block / 16);
    int share = block; // the helpers' part of a block's notes, from its end
    int helped = Math.max(0, n - share);
    CompletableFuture<Void> ahead =
        readAheadS(t, sa, so, helped, n, Math.max(0, n - block), par, 0);
    for (int e = n, buf = 0; e > 0; e -= block, buf ^= 1) {
      int s = Math.max(0, e - block);
      int[] seen = par.seen[buf];
      int[] code = par.code[buf];
      noteS(t, sa, so, s, helped, s, seen, code);
      share = adapt(ahead, share, step, block);
      if (s > 0) {
        int ns = Math.max(0, s - block);
        helped = Math.max(ns, s - share);
        ahead = readAheadS(t, sa, so, helped, s, ns, par, buf ^ 1);
      }
      for (int i = e - 1; i >= s; i--) {
        int v = sa[so + i];
        if (v > 0) {
          int j = v - 1;
          int cd;
          if (seen[i - s] == v) {
            cd = code[i - s];
          } else {
            int c = t.at(j);
            cd = j == 0 || t.at(j - 1) <= c ? c : ~c;
          }
          if (cd >= 0) {
            sa[so + --b[pOff + cd]] = j == 0 ? EMPTY : j;
          } else {
            sa[so + --b[pOff + ~cd]] = ~j;
          }
          if (lmsOnly) {
            sa[so + i] = EMPTY;
          }
        } else if (v < 0 && !lmsOnly) {
          sa[so + i] = ~v;
        }
      }
    }
  }

  /**
   * Starts the helpers noting entries {@code [from, to)} into buffer {@code buf} from {@code base}.
   */
  private static CompletableFuture<Void> readAheadS(
      Text t, int[] sa, int so, int from, int to, int base, SortPool par, int buf) {
    int[] seen = par.seen[buf];
    int[] code = par.code[buf];
    return par.ahead(from, to, (part, a, z) -> noteS(t, sa, so, a, z, base, seen, code));
  }

  /** Notes entries {@code [from, to)} for {@link #induceSBlocks}, at index {@code i - base}. */
  private static void noteS(
      Text t, int[] sa, int so, int from, int to, int base, int[] seen, int[] code) {
    for (int i = from; i < to; i++) {
      int v = sa[so + i];
      seen[i - base] = v;
      if (v > 0) {
        int j = v - 1;
        int c = t.at(j);
        code[i - base] = j == 0 || t.at(j - 1) <= c ? c : ~c;
      }
    }
  }
}
