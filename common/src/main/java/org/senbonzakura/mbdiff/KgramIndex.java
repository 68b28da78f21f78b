/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

/**
 * Fast mode's index of the old file: a hash table of the {@link #K}-byte strings that start at
 * every {@code step}-th old position. Any exact match of {@code K + step − 1} bytes or more
 * contains one such sampled string at the same offset in both files, so the scan, which looks up
 * the string at every new position, finds it; shorter matches are found when they happen to cover a
 * sample. A suffix array finds the longest match anywhere but costs 4 bytes per old byte and a sort
 * (≈ 30 s of CPU for a 184 MB libxul); this table costs 4 bytes per slot at load 3/4, so {@code 16
 * / (3 · step)} bytes per old byte (1.78 × old at step 3), and one pass.
 *
 * <p>Each slot is an {@code int}: the sample's number + 1 (0 = empty) in the low bits, and in the
 * bits the numbers leave free (7 for a 184 MB file) a fingerprint of the string's hash. A lookup
 * reads the slots from the hash's home slot on (linear probing, at most {@link #PROBES}: a string
 * whose run is longer, such as the thousandth copy of a padding pattern, is not indexed) and
 * touches the old file only where a fingerprint agrees, so a position of new whose string is not in
 * old is usually rejected after one memory access. Built on one thread in old-file order, so its
 * content is a fixed function of the file.
 */
final class KgramIndex {
  /** Bytes hashed per sampled string. */
  static final int K = 12;

  /** Bytes read to hash a string (two longs), whatever {@link #K}: positions need this many. */
  static final int READ = 16;

  /** The bytes of the second long that belong to the string. */
  private static final long TAIL = K >= 16 ? -1L : K <= 8 ? 0 : (1L << (8 * (K - 8))) - 1;

  /** The bytes of the first long that belong to the string. */
  private static final long HEAD = K >= 8 ? -1L : (1L << (8 * K)) - 1;

  /** Slots read per lookup and per insertion (a run of repeated strings stops growing there). */
  static final int PROBES = 16;

  private final byte[] old;
  private final int step;
  private final int[] slots;
  private final int size;

  /** Low bits of a slot: the sample number + 1. */
  private final int numberMask;

  private KgramIndex(byte[] old, int step, int[] slots, int numberBits) {
    this.old = old;
    this.step = step;
    this.slots = slots;
    this.size = slots.length;
    this.numberMask = numberBits >= 32 ? -1 : (1 << numberBits) - 1;
  }

  /** Indexes every {@code step}-th {@link #K}-byte string of {@code old}. */
  static KgramIndex build(byte[] old, int step) {
    if (step < 1) {
      throw new IllegalArgumentException("step must be >= 1, got " + step);
    }
    long strings = old.length < READ ? 0 : (old.length - READ) / step + 1;
    // Load 3/4: short probe runs, and the table stays under 2 bytes per old byte at step 3.
    // Any size works (see home()).
    long size = Math.max(16, strings + strings / 3);
    if (size > MbDiff.MAX_FILE) {
      throw new IllegalArgumentException("old file too big for step " + step);
    }
    int numberBits = 64 - Long.numberOfLeadingZeros(strings + 1);
    KgramIndex ix = new KgramIndex(old, step, new int[(int) size], numberBits);
    for (long p = 0; p + READ <= old.length; p += step) {
      ix.insert((int) p);
    }
    return ix;
  }

  byte[] old() {
    return old;
  }

  int step() {
    return step;
  }

  private void insert(int pos) {
    long h = Hash16.of((long) NewBytes.LE_LONGS.get(old, pos) & HEAD, tail(old, pos));
    int entry = ((int) (h >>> 32) & ~numberMask) | (pos / step + 1);
    int s = home(h);
    for (int i = 0; i < PROBES; i++) {
      if (slots[s] == 0) {
        slots[s] = entry;
        return;
      }
      s = s + 1 == size ? 0 : s + 1;
    }
  }

  /**
   * The longest exact match in old, among the candidates whose sampled string equals {@code
   * neu[p..p+K)}, for {@code neu[p..limit)}, packed as {@code (long) pos << 32 | len}; 0 when no
   * candidate matches. On equal length the candidate nearest {@code preferredPos} wins (it
   * continues the current alignment best), then the earliest in the table.
   */
  long find(NewBytes neu, int p, int limit, int preferredPos) {
    long h = Hash16.of(neu.long8(p) & HEAD, K <= 8 ? 0 : neu.long8(p + 8) & TAIL);
    int fp = (int) (h >>> 32) & ~numberMask;
    int s = home(h);
    long best = 0;
    int bestLen = 0;
    for (int i = 0; i < PROBES; i++, s = s + 1 == size ? 0 : s + 1) {
      int e = slots[s];
      if (e == 0) {
        break;
      }
      if ((e & ~numberMask) != fp) {
        continue;
      }
      int pos = ((e & numberMask) - 1) * step;
      int n = Math.min(limit - p, old.length - pos);
      int m = neu.mismatch(p, old, pos, n);
      int len = m < 0 ? n : m;
      if (len < K) {
        continue; // a fingerprint collision
      }
      if (len > bestLen
          || (len == bestLen
              && Math.abs((long) pos - preferredPos)
                  < Math.abs((long) (int) (best >>> 32) - preferredPos))) {
        best = (long) pos << 32 | len;
        bestLen = len;
      }
    }
    return best;
  }

  private static long tail(byte[] b, int pos) {
    return K <= 8 ? 0 : (long) NewBytes.LE_LONGS.get(b, pos + 8) & TAIL;
  }

  /** The hash's home slot: its low 32 bits scaled to the table (no power-of-two rounding). */
  private int home(long h) {
    return (int) (((h & 0xFFFFFFFFL) * size) >>> 32);
  }
}
