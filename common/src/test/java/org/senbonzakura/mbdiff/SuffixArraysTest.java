/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SuffixArraysTest {
  static int[] naive(byte[] t) {
    Integer[] o = new Integer[t.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = i;
    }
    Arrays.sort(o, (a, b) -> Arrays.compareUnsigned(t, a, t.length, t, b, t.length));
    return Arrays.stream(o).mapToInt(Integer::intValue).toArray();
  }

  @Property(tries = 300)
  void matchesNaiveSortOnSmallAlphabets(
      @ForAll @IntRange(min = 0, max = 400) int n,
      @ForAll @IntRange(min = 1, max = 256) int alphabet,
      @ForAll long seed) {
    Random r = new Random(seed);
    byte[] t = new byte[n];
    for (int i = 0; i < n; i++) {
      t[i] = (byte) (r.nextInt(alphabet) - 128);
    }
    int[] want = naive(t);
    assertArrayEquals(want, SuffixArrays.build(t));
    // Pointer-only buckets with recounting at every level, in the array or allocated.
    assertArrayEquals(want, SuffixArrays.build(t, 0, n, true));
  }

  @Test
  void repetitiveInputsRecurseDeeply() {
    byte[][] cases = {
      new byte[1000],
      "abababababababababababababababab".getBytes(),
      "mississippimississippimississippi".getBytes(),
      fibonacciWord(3000),
    };
    for (byte[] t : cases) {
      assertArrayEquals(naive(t), SuffixArrays.build(t));
      assertArrayEquals(naive(t), SuffixArrays.build(t, 0, t.length, true));
    }
  }

  private static byte[] fibonacciWord(int n) {
    StringBuilder a = new StringBuilder("b");
    StringBuilder b = new StringBuilder("a");
    while (b.length() < n) {
      StringBuilder c = new StringBuilder(b).append(a);
      a = b;
      b = c;
    }
    return b.substring(0, n).getBytes();
  }
}
