/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.senbonzakura.mbdiff.MappedFiles.mapNew;
import static org.senbonzakura.mbdiff.MappedFiles.mapOld;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Exact mode may keep the old file mapped instead of on the heap (issue #15: the 5 × old bound);
 * these check that the mapped form reads, sorts, searches and diffs exactly as the heap array does,
 * on files of every small length (empty, one byte, lengths that are not a multiple of 8), and that
 * the path API takes the heap form only where the heap has room.
 */
class MappedOldFileTest {
  @Provide
  Arbitrary<MbDiffPropertiesTest.Pair> pairs() {
    return new MbDiffPropertiesTest().pairs();
  }

  @Provide
  Arbitrary<byte[]> data() {
    // Few symbols, so that random ranges often match for many bytes; up to 1000 bytes, so that
    // comparisons also run past the 8-byte and 512-byte stages into the vectorised one.
    return Arbitraries.bytes().between((byte) 0, (byte) 2).array(byte[].class).ofMaxSize(1000);
  }

  @Property(tries = 200)
  void mappedOldReadsLikeTheArray(@ForAll("data") byte[] data, @ForAll long seed) throws Exception {
    try (MappedFiles files = new MappedFiles()) {
      Path file = files.write("old", data);
      OldBytes mapped = mapOld(file);
      OldBytes array = OldBytes.of(data);
      assertNull(mapped.array());
      assertNotNull(mapped.buffer());
      assertEquals(data.length, mapped.length());
      assertEquals(Crc32Bzip2.of(data), mapped.crc32Bzip2());
      assertEquals(Crc32Bzip2.of(data), array.crc32Bzip2());
      assertArrayEquals(data, mapped.toArray());
      // The new side in both forms, from a second file with the same bytes.
      NewBytes newArray = NewBytes.of(data);
      NewBytes newMapped = mapNew(files.write("new", data));
      int n = data.length;
      Random r = new Random(seed);
      for (int probe = 0; probe < 100; probe++) {
        int from = r.nextInt(n + 1);
        int len = r.nextInt(n - from + 1);
        int keyLen = Math.min(8, n - from);
        assertEquals(array.key8(from, keyLen), mapped.key8(from, keyLen));
        if (from < n) {
          assertEquals(data[from], mapped.get(from));
          assertEquals(data[from], array.get(from));
        }
        byte[] a = new byte[len];
        byte[] b = new byte[len];
        array.copy(from, a, 0, len);
        mapped.copy(from, b, 0, len);
        assertArrayEquals(a, b);
        // New bytes at another offset against old bytes at `from`: equal ranges (the same bytes)
        // or unequal ones; every pairing of the two forms must agree with Arrays.mismatch.
        int at = r.nextBoolean() ? from : r.nextInt(n - len + 1);
        int want = Arrays.mismatch(data, at, at + len, data, from, from + len);
        assertEquals(want, newArray.mismatch(at, array, from, len));
        assertEquals(want, newArray.mismatch(at, mapped, from, len));
        assertEquals(want, newMapped.mismatch(at, array, from, len));
        assertEquals(want, newMapped.mismatch(at, mapped, from, len));
      }
    }
  }

  /**
   * The sort's text is the mapping at the top level, serially and with helper threads reading it
   * ahead block by block (blocks of 16 entries and more: the hand-overs themselves are tested on
   * byte arrays by {@link SuffixArraysTest}; here it is the mapped reads that are new).
   */
  @Property(tries = 60)
  void mappedOldSortsLikeTheArray(
      @ForAll("data") byte[] data,
      @ForAll @IntRange(min = 1, max = 3) int threadsPick,
      @ForAll @IntRange(min = 16, max = 256) int block,
      @ForAll boolean lean)
      throws Exception {
    int threads = new int[] {1, 2, 8}[threadsPick - 1];
    try (MappedFiles files = new MappedFiles()) {
      OldBytes mapped = mapOld(files.write("old", data));
      int[] want = SuffixArrays.build(data);
      assertArrayEquals(want, SuffixArrays.buildParallel(mapped, threads, block, lean));
      assertArrayEquals(want, SuffixArrays.build(mapped, threads));
    }
  }

  /** Over 1 MiB, so the public entry sorts the mapped file with helper threads. */
  @Test
  void bigMappedOldSortsLikeTheArray() throws Exception {
    Random r = new Random(15);
    byte[] data = ExactPairs.random(r, SuffixArrays.PARALLEL_MIN + 4097, 4);
    try (MappedFiles files = new MappedFiles()) {
      OldBytes mapped = mapOld(files.write("old", data));
      assertArrayEquals(SuffixArrays.build(data), SuffixArrays.build(mapped, 2));
    }
  }

  @Property(tries = 150)
  void pathApiWithMappedOldGivesMbsdiffsPatch(
      @ForAll("pairs") MbDiffPropertiesTest.Pair p, @ForAll boolean mapNew) throws Exception {
    byte[] expected = ReferenceMbsdiff.diff(p.old(), p.neu());
    assertArrayEquals(expected, MbDiff.diff(p.old(), p.neu(), DiffOptions.exact()));
    try (MappedFiles files = new MappedFiles()) {
      Path old = files.write("old", p.old());
      Path neu = files.write("new", p.neu());
      long mapAtLeast = mapNew ? 0 : Long.MAX_VALUE;
      Path mapped = files.path("mapped.patch");
      MbDiff.diff(old, neu, mapped, DiffOptions.exact().withThreads(2), mapAtLeast, false);
      assertArrayEquals(expected, Files.readAllBytes(mapped));
      Path onHeap = files.path("heap.patch");
      MbDiff.diff(old, neu, onHeap, DiffOptions.exact().withThreads(2), mapAtLeast, true);
      assertArrayEquals(expected, Files.readAllBytes(onHeap));
    }
  }

  /** Fast mode never maps the old file (its index reads a heap array); the flag changes nothing. */
  @Property(tries = 30)
  void fastModeIgnoresTheFlag(@ForAll("pairs") MbDiffPropertiesTest.Pair p) throws Exception {
    DiffOptions fast = DiffOptions.fast().withChunkSize(1500).withThreads(2);
    byte[] expected = MbDiff.diff(p.old(), p.neu(), fast);
    try (MappedFiles files = new MappedFiles()) {
      Path old = files.write("old", p.old());
      Path neu = files.write("new", p.neu());
      Path patch = files.path("fast.patch");
      MbDiff.diff(old, neu, patch, fast, 0, false);
      assertArrayEquals(expected, Files.readAllBytes(patch));
    }
  }

  /**
   * The path API's verdict route with a mapped old file: the in-scan verdict regenerates the blocks
   * from the mapped bytes, and a full file it cannot beat makes no patch.
   */
  @Test
  void verdictsReadTheMappedOld() throws Exception {
    ExactPairs.Pair p = ExactPairs.edited(7, 300_000, 40);
    DiffOptions opts = DiffOptions.exact().withThreads(2);
    byte[] expected = MbDiff.diff(p.old(), p.neu(), opts);
    try (MappedFiles files = new MappedFiles()) {
      Path old = files.write("old", p.old());
      Path neu = files.write("new", p.neu());
      Path noise = files.write("noise", ExactPairs.random(new Random(8), 300_000, 256));
      for (boolean onHeap : new boolean[] {true, false}) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MbDiffHeader h =
            MbDiff.diffUnlessFullWins(
                old, neu, Long.MAX_VALUE / 2, EarlyVerdict.FullFilters.LZMA2, out, opts, onHeap);
        assertNotNull(h);
        assertArrayEquals(expected, out.toByteArray(), "old on the heap: " + onHeap);
        // Unrelated random bytes: the patch's xz soon passes any full size, here 0.
        out.reset();
        assertNull(
            MbDiff.diffUnlessFullWins(
                old, noise, 0, EarlyVerdict.FullFilters.LZMA2, out, opts, onHeap));
        assertEquals(0, out.size());
      }
      // The sampled verdict's windows, rendered from either form, measure the same.
      EarlyVerdict.Sampling small = new EarlyVerdict.Sampling(8, 4 << 10, 16 << 10);
      NewBytes n = NewBytes.of(p.neu());
      String heap =
          EarlyVerdict.sampled(
                  SuffixIndex.of(p.old()), n, 50_000, EarlyVerdict.FullFilters.LZMA2, 2, small)
              .toString();
      String mapped =
          EarlyVerdict.sampled(
                  SuffixIndex.of(mapOld(old), 2),
                  n,
                  50_000,
                  EarlyVerdict.FullFilters.LZMA2,
                  2,
                  small)
              .toString();
      assertEquals(heap, mapped);
    }
  }

  @Test
  void oldStaysOnTheHeapOnlyWhereItFits() {
    long libxul = 183_789_840; // minor Firefox ESR libxul.so
    long mib = 1 << 20;
    // The launcher's heap for it (-Xmx1124m, maxMemory 1,081 MiB under its collector): on the heap.
    assertTrue(MbDiff.keepOldOnHeap(libxul, 1081 * mib));
    // A 6 x old cap (maxMemory 1,009 MiB), where the heap form was measured to fit: on the heap.
    assertTrue(MbDiff.keepOldOnHeap(libxul, 1009 * mib));
    // A 5 x old cap (maxMemory 833 MiB): mapped.
    assertFalse(MbDiff.keepOldOnHeap(libxul, 833 * mib));
    assertFalse(MbDiff.keepOldOnHeap(libxul, 5 * libxul));
    // The rule: 5.25 x old + 64 MiB.
    assertTrue(MbDiff.keepOldOnHeap(libxul, libxul * 21 / 4 + 64 * mib));
    assertFalse(MbDiff.keepOldOnHeap(libxul, libxul * 21 / 4 + 64 * mib - 1));
    // Small files are never mapped, whatever the heap.
    assertTrue(MbDiff.keepOldOnHeap(MbDiff.MAP_AT_LEAST - 1, 0));
    assertFalse(MbDiff.keepOldOnHeap(MbDiff.MAP_AT_LEAST, 0));
  }
}
