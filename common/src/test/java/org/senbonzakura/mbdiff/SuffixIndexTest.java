/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The index answers every search as the spec's search does ({@link ReferenceMbsdiff#searches}),
 * with a searched range as long as the new file and shorter (as the parallel scan's chunks search).
 * The cached top of the search tree grows with the old file, so these sizes take it from none at
 * all to nine levels; it may change how many cache misses a search costs, never its answer.
 */
class SuffixIndexTest {
  static Stream<ExactPairs.Pair> pairs() {
    return Stream.of(
        ExactPairs.unrelated(11, 3000),
        ExactPairs.edited(12, 4000, 25),
        ExactPairs.shiftedBlocks(13, 5000),
        ExactPairs.elfLike(14, 40),
        ExactPairs.unrelated(15, 90),
        ExactPairs.edited(16, 200, 3),
        // Deeper trees: depths 8 and 9.
        ExactPairs.edited(17, 40_000, 60),
        ExactPairs.shiftedBlocks(18, 70_000));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void searchesAsTheSpecSays(ExactPairs.Pair p) {
    SuffixIndex index = SuffixIndex.of(p.old());
    NewBytes bytes = NewBytes.of(p.neu());
    for (int to : new int[] {p.neu().length, p.neu().length * 2 / 3}) {
      long[] expected = ReferenceMbsdiff.searches(p.old(), Arrays.copyOf(p.neu(), to));
      for (int from = 0; from < to; from++) {
        assertEquals(expected[from], index.search(bytes, from, to), "at " + from + ", to " + to);
      }
    }
  }

  /**
   * A suffix that ends within a key's 8 bytes is a key shorter than the others: where it is a probe
   * of the cached tree and the new bytes start with all of it, memcmp over the shorter length is 0
   * and the search must go left, whatever follows. Random files are tried until several such probes
   * have been met by a search that starts with the whole short suffix.
   */
  @Test
  void shortSuffixesInTheTreeCompareAsMemcmpDoes() {
    int met = 0;
    for (long seed = 1; met < 4 && seed < 2_000; seed++) {
      Random r = new Random(seed);
      byte[] old = ExactPairs.random(r, 2_000 + r.nextInt(3_000), 3);
      int n = old.length;
      int[] sa = SuffixArrays.build(old);
      int[] rank = new int[n];
      for (int k = 0; k < n; k++) {
        rank[sa[k]] = k + 1; // mbsdiff's I[k + 1]: I[0] is the empty suffix
      }
      Set<Integer> probes = new HashSet<>();
      collectProbes(0, n, SuffixIndex.treeDepth(n), probes);
      int shortProbe = -1;
      for (int p = n - 7; p < n; p++) {
        if (probes.contains(rank[p])) {
          shortProbe = p;
        }
      }
      if (shortProbe < 0) {
        continue;
      }
      met++;
      // The new file holds the short suffix followed by more bytes, at its start and later.
      byte[] tail = Arrays.copyOfRange(old, shortProbe, n);
      byte[] neu = new byte[64];
      for (int i = 0; i < neu.length; i++) {
        neu[i] = (byte) r.nextInt(3);
      }
      System.arraycopy(tail, 0, neu, 0, tail.length);
      System.arraycopy(tail, 0, neu, 30, tail.length);
      SuffixIndex index = new SuffixIndex(old, sa);
      long[] expected = ReferenceMbsdiff.searches(old, neu);
      NewBytes bytes = NewBytes.of(neu);
      for (int from = 0; from < neu.length; from++) {
        assertEquals(expected[from], index.search(bytes, from, neu.length), "seed " + seed);
      }
    }
    assertEquals(4, met, "random files with a short suffix as a tree probe");
  }

  /** The indices the first {@code depth} levels of the binary search over [st, en] can probe. */
  private static void collectProbes(int st, int en, int depth, Set<Integer> out) {
    if (depth == 0 || en - st < 2) {
      return;
    }
    int x = st + (en - st) / 2;
    out.add(x);
    collectProbes(st, x, depth - 1, out);
    collectProbes(x, en, depth - 1, out);
  }

  @Test
  void theCachedTreeGrowsWithTheFileUpToItsCap() {
    assertEquals(0, SuffixIndex.treeDepth(0));
    assertEquals(0, SuffixIndex.treeDepth(100));
    assertEquals(5, SuffixIndex.treeDepth(3000));
    assertEquals(SuffixIndex.MAX_TREE_DEPTH, SuffixIndex.treeDepth(183_789_840));
    for (int n = 1; n > 0 && n < Integer.MAX_VALUE / 2; n = n * 3 + 1) {
      long treeBytes = 9L << SuffixIndex.treeDepth(n);
      assertTrue(treeBytes <= Math.max(9, 0.15 * n), n + " suffixes: tree of " + treeBytes);
    }
  }
}
