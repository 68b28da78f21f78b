/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The index answers every search as the spec's search does ({@link ReferenceMbsdiff#searches}),
 * with a searched range as long as the new file and shorter (as the parallel scan's chunks search).
 * The cached top of the search tree grows with the old file, so these sizes take it from a few
 * levels to none at all; it may change how many cache misses a search costs, never its answer.
 */
class SuffixIndexTest {
  static Stream<ExactPairs.Pair> pairs() {
    return Stream.of(
        ExactPairs.unrelated(11, 3000),
        ExactPairs.edited(12, 4000, 25),
        ExactPairs.shiftedBlocks(13, 5000),
        ExactPairs.elfLike(14, 40),
        ExactPairs.unrelated(15, 90),
        ExactPairs.edited(16, 200, 3));
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
