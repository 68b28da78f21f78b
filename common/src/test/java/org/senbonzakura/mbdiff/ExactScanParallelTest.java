/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parallel exact scan ({@link ExactScan#parallel}) emits the serial scan's triples, at 1, 2 and
 * 8 threads, on random, edited, shifted-block and ELF-like pairs. Chunks are small here, so that
 * every file is cut into many chunks and each way of joining them (met in the overrun, met after a
 * serial stretch, never met) is exercised; the stats prove which ones ran.
 */
class ExactScanParallelTest {
  private static final int[] THREADS = {1, 2, 8};

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(ExactPairs.unrelated(1, 60_000), new ExactScan.Layout(4096, 1024, 256)),
        Arguments.of(ExactPairs.edited(2, 120_000, 30), new ExactScan.Layout(8192, 2048, 512)),
        Arguments.of(ExactPairs.shiftedBlocks(3, 150_000), new ExactScan.Layout(6000, 512, 128)),
        Arguments.of(ExactPairs.elfLike(4, 400), new ExactScan.Layout(5000, 1500, 300)),
        Arguments.of(ExactPairs.elfLike(5, 300), new ExactScan.Layout(3001, 0, 97)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void parallelEqualsSerialAtAnyThreadCount(ExactPairs.Pair p, ExactScan.Layout layout)
      throws Exception {
    SuffixIndex index = SuffixIndex.of(p.old());
    NewBytes neu = NewBytes.of(p.neu());
    List<Integer> serial = flat(ExactScan.serial(index, neu));
    ExactScan.Stats first = null;
    for (int t : THREADS) {
      ExactScan.Result r = ExactScan.parallel(index, neu, t, layout);
      assertEquals(serial, flat(r.triples()), p + " at " + t + " threads");
      if (first == null) {
        first = r.stats();
      }
      assertEquals(first, r.stats(), "stitching is a function of the input, not the threads");
    }
    assertTrue(first.chunks() > 5, "the file is really cut into chunks: " + first);
    assertTrue(first.metInOverrun() > 0, "some chunks are stitched where they meet: " + first);
  }

  /** Long matches across chunk ends: the serial scan must go on past the overrun to meet. */
  @Test
  void longMatchesMeetAfterTheOverrunOrNever() throws Exception {
    ExactPairs.Pair p = ExactPairs.edited(6, 200_000, 6);
    ExactScan.Layout layout = new ExactScan.Layout(4096, 256, 64);
    SuffixIndex index = SuffixIndex.of(p.old());
    NewBytes neu = NewBytes.of(p.neu());
    ExactScan.Result r = ExactScan.parallel(index, neu, 2, layout);
    assertEquals(flat(ExactScan.serial(index, neu)), flat(r.triples()));
    assertTrue(r.stats().metLater() > 0, "some chunks met only after a serial stretch: " + r);
    assertTrue(r.stats().neverMet() > 0, "some chunks lay inside one long match: " + r);
    assertTrue(r.stats().serialBytes() > 0, r.toString());
  }

  /** Identical files: one match covers everything, so no speculative chunk is ever used. */
  @Test
  void identicalFilesNeverMeet() throws Exception {
    byte[] b = ExactPairs.random(new java.util.Random(7), 50_000, 256);
    SuffixIndex index = SuffixIndex.of(b);
    NewBytes neu = NewBytes.of(b);
    ExactScan.Result r = ExactScan.parallel(index, neu, 8, new ExactScan.Layout(4096, 512, 64));
    assertEquals(flat(ExactScan.serial(index, neu)), flat(r.triples()));
    assertEquals(0, r.stats().metInOverrun() + r.stats().metLater(), r.toString());
    assertTrue(r.stats().neverMet() > 0, r.toString());
  }

  @Provide
  Arbitrary<ExactPairs.Pair> pairs() {
    Arbitrary<Long> seeds = Arbitraries.longs();
    return Arbitraries.oneOf(
        seeds.map(s -> ExactPairs.unrelated(s, 2000 + (int) Math.floorMod(s, 20_000L))),
        seeds.map(
            s ->
                ExactPairs.edited(
                    s, 1000 + (int) Math.floorMod(s, 40_000L), 1 + (int) Math.floorMod(s, 40L))),
        seeds.map(s -> ExactPairs.shiftedBlocks(s, 2000 + (int) Math.floorMod(s, 40_000L))),
        seeds.map(s -> ExactPairs.elfLike(s, 5 + (int) Math.floorMod(s, 100L))));
  }

  @Property(tries = 30)
  void parallelEqualsSerialOnGeneratedPairs(
      @ForAll("pairs") ExactPairs.Pair p,
      @ForAll @IntRange(min = 256, max = 6000) int chunk,
      @ForAll @IntRange(min = 0, max = 2000) int overrun,
      @ForAll @IntRange(min = 16, max = 700) int markStep,
      @ForAll @IntRange(min = 1, max = 8) int threads)
      throws Exception {
    SuffixIndex index = SuffixIndex.of(p.old());
    NewBytes neu = NewBytes.of(p.neu());
    ExactScan.Result r =
        ExactScan.parallel(index, neu, threads, new ExactScan.Layout(chunk, overrun, markStep));
    assertEquals(flat(ExactScan.serial(index, neu)), flat(r.triples()), r.stats().toString());
  }

  static List<Integer> flat(ControlTriples t) {
    List<Integer> out = new ArrayList<>(3 * t.size());
    for (int i = 0; i < t.size(); i++) {
      out.add(t.add(i));
      out.add(t.copy(i));
      out.add(t.seek(i));
    }
    return out;
  }
}
