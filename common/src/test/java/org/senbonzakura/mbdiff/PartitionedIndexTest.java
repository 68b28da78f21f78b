/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Fast mode's parts share one suffix array (slices of a single {@code int[]}); this checks that
 * sorting into a slice gives each part exactly its own suffix array, and that the shared-array
 * index answers every search as an index over separately allocated per-part arrays does (which is
 * what fast mode used before, so patches stay the same bytes). Real files only split above 96 MiB,
 * so the parts here are small.
 */
class PartitionedIndexTest {
  private static byte[] text(Random r, int n, int alphabet) {
    byte[] t = new byte[n];
    for (int i = 0; i < n; i++) {
      t[i] = (byte) r.nextInt(alphabet);
    }
    // Some repeated blocks, so the recursion and long matches both happen.
    for (int e = 0; e < n / 200; e++) {
      int len = 1 + r.nextInt(Math.min(n, 300));
      int from = r.nextInt(n - len + 1);
      int to = r.nextInt(n - len + 1);
      System.arraycopy(t, from, t, to, len);
    }
    return t;
  }

  @Property(tries = 200)
  void sortingIntoASliceLeavesTheRestAlone(
      @ForAll @IntRange(min = 0, max = 3000) int n,
      @ForAll @IntRange(min = 1, max = 256) int alphabet,
      @ForAll @IntRange(min = 0, max = 50) int before,
      @ForAll @IntRange(min = 0, max = 50) int after,
      @ForAll boolean recount,
      @ForAll long seed) {
    Random r = new Random(seed);
    byte[] data = text(r, n + before + after, alphabet);
    int off = r.nextInt(before + 1);
    int saOff = r.nextInt(before + 1);
    int[] sa = new int[saOff + n + after];
    Arrays.fill(sa, 0xdead);
    SuffixArrays.buildInto(data, off, n, sa, saOff, recount);
    assertArrayEquals(
        SuffixArraysTest.naive(Arrays.copyOfRange(data, off, off + n)),
        Arrays.copyOfRange(sa, saOff, saOff + n));
    for (int i = 0; i < sa.length; i++) {
      if (i < saOff || i >= saOff + n) {
        assertEquals(0xdead, sa[i], "slot " + i + " outside the slice");
      }
    }
  }

  @Property(tries = 100)
  void sharedArraySearchesAsSeparateArrays(
      @ForAll @IntRange(min = 0, max = 6000) int n,
      @ForAll @IntRange(min = 300, max = 2000) int partSize,
      @ForAll @IntRange(min = 0, max = 300) int overlap,
      @ForAll @IntRange(min = 1, max = 8000) int maxSlab,
      @ForAll @IntRange(min = 1, max = 4) int threads,
      @ForAll long seed)
      throws Exception {
    Random r = new Random(seed);
    byte[] old = text(r, n, 1 + r.nextInt(256));
    // At most 20 parts (each has a 1.2 MB search-tree cache); a slab must hold the biggest part.
    int slab = Math.max(maxSlab, partSize + overlap + 1);
    PartitionedIndex shared = PartitionedIndex.build(old, threads, partSize, overlap, slab);
    PartitionedIndex separate = separate(old, partSize, overlap);

    byte[] neu = text(r, 4000, 1 + r.nextInt(256));
    for (int e = 0; e < 30 && n > 0; e++) {
      int len = 1 + r.nextInt(Math.min(n, 500));
      int from = r.nextInt(n - len + 1);
      int to = r.nextInt(neu.length - len + 1);
      System.arraycopy(old, from, neu, to, len);
    }
    NewBytes nb = NewBytes.of(neu);
    for (int q = 0; q < 400; q++) {
      int from = r.nextInt(neu.length);
      int to = from + r.nextInt(neu.length - from + 1);
      int preferred = r.nextInt(n + 1);
      assertEquals(
          separate.search(nb, from, to, preferred),
          shared.search(nb, from, to, preferred),
          "search " + from + ".." + to);
    }
  }

  /** The former layout: each part sorted into its own array. */
  private static PartitionedIndex separate(byte[] old, int partSize, int overlap) {
    PartitionedIndex.Part[] bounds = PartitionedIndex.parts(old.length, partSize, overlap);
    SuffixIndex[] parts = new SuffixIndex[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      int base = bounds[i].base();
      int len = bounds[i].len();
      parts[i] = new SuffixIndex(old, SuffixArrays.build(old, base, len), 0, base, len);
    }
    return new PartitionedIndex(old, parts);
  }
}
