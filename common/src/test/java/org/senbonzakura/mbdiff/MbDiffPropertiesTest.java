/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Round trips and Mozilla equivalence over generated pairs: unrelated random files, edited copies
 * (substitutions, insertions, deletions, moved blocks), empty, identical and 1-byte files.
 */
class MbDiffPropertiesTest {
  /** A generated (old, new) pair. */
  record Pair(byte[] old, byte[] neu) {
    @Override
    public String toString() {
      return "Pair[old=" + old.length + " bytes, new=" + neu.length + " bytes]";
    }
  }

  @Provide
  Arbitrary<Pair> pairs() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, unrelated()),
        net.jqwik.api.Tuple.of(4, edited()),
        net.jqwik.api.Tuple.of(1, tiny()));
  }

  private static Arbitrary<byte[]> bytes(int max, int alphabet) {
    return Arbitraries.longs()
        .flatMap(
            seed ->
                Arbitraries.integers()
                    .between(0, max)
                    .map(
                        n -> {
                          Random r = new Random(seed);
                          byte[] b = new byte[n];
                          for (int i = 0; i < n; i++) {
                            b[i] = (byte) r.nextInt(alphabet);
                          }
                          return b;
                        }));
  }

  private Arbitrary<Pair> unrelated() {
    return Combinators.combine(bytes(3000, 256), bytes(3000, 4)).as(Pair::new);
  }

  private Arbitrary<Pair> tiny() {
    return Combinators.combine(bytes(2, 3), bytes(2, 3))
        .as(Pair::new)
        .injectDuplicates(0.1)
        .edgeCases(
            e ->
                e.add(new Pair(new byte[0], new byte[0]))
                    .add(new Pair(new byte[0], new byte[] {7}))
                    .add(new Pair(new byte[] {7}, new byte[0]))
                    .add(new Pair(new byte[] {7}, new byte[] {7})));
  }

  private Arbitrary<Pair> edited() {
    return Combinators.combine(
            bytes(20_000, 256), Arbitraries.longs(), Arbitraries.integers().between(0, 40))
        .as(
            (base, seed, edits) -> {
              Random r = new Random(seed);
              byte[] cur = base;
              for (int e = 0; e < edits; e++) {
                cur = edit(cur, r);
              }
              return new Pair(base, cur);
            });
  }

  static byte[] edit(byte[] b, Random r) {
    int n = b.length;
    int at = n == 0 ? 0 : r.nextInt(n + 1);
    int len = 1 + r.nextInt(r.nextBoolean() ? 8 : 300);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    switch (r.nextInt(4)) {
      case 0: // substitute
        byte[] c = b.clone();
        for (int i = at; i < Math.min(n, at + len); i++) {
          c[i] = (byte) r.nextInt(256);
        }
        return c;
      case 1: // insert random bytes
        out.write(b, 0, at);
        for (int i = 0; i < len; i++) {
          out.write(r.nextInt(256));
        }
        out.write(b, at, n - at);
        return out.toByteArray();
      case 2: // delete
        int end = Math.min(n, at + len);
        out.write(b, 0, at);
        out.write(b, end, n - end);
        return out.toByteArray();
      default: // copy a block elsewhere (moved / duplicated code)
        if (n == 0) {
          return b;
        }
        int from = r.nextInt(n);
        int l = Math.min(len * 4, n - from);
        out.write(b, 0, at);
        out.write(b, from, l);
        out.write(b, at, n - at);
        return out.toByteArray();
    }
  }

  @Property(tries = 200)
  void exactRoundTripsAndEqualsReference(@ForAll("pairs") Pair p) throws Exception {
    byte[] patch = MbDiff.diff(p.old(), p.neu(), DiffOptions.exact());
    assertArrayEquals(ReferenceMbsdiff.diff(p.old(), p.neu()), patch);
    assertArrayEquals(p.neu(), MbPatch.apply(p.old(), patch));
  }

  @Property(tries = 200)
  void fastRoundTripsAndIgnoresThreadCount(
      @ForAll("pairs") Pair p, @ForAll @IntRange(min = 1, max = 5000) int chunk) throws Exception {
    DiffOptions o = DiffOptions.fast().withChunkSize(chunk);
    byte[] one = MbDiff.diff(p.old(), p.neu(), o.withThreads(1));
    byte[] three = MbDiff.diff(p.old(), p.neu(), o.withThreads(3));
    assertArrayEquals(one, three);
    assertArrayEquals(p.neu(), MbPatch.apply(p.old(), one));
  }
}
