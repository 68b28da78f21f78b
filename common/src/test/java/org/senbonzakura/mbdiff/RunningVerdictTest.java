/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The in-scan "full wins" verdict ({@link RunningVerdict}) never changes the outcome: whenever it
 * stops a diff, the real patch's xz size (what the MAR would ship) is at least the full file's, and
 * whenever it lets the diff finish, the patch is byte for byte the one made without it.
 */
class RunningVerdictTest {
  private static final EarlyVerdict.FullFilters LZMA2 = EarlyVerdict.FullFilters.LZMA2;

  /** Full-file sizes tried around the real patch's xz size p, as fractions of p. */
  private static final double[] AROUND = {0.5, 0.9, 0.96, 0.98, 0.99, 0.995, 1.005};

  /** The patch compressed as a MAR ships it: xz, LZMA2 preset 6, CRC64. */
  private static long shipped(byte[] patch) throws MbDiffException {
    return EarlyVerdict.xz(patch, 0, patch.length, false);
  }

  /** Pairs whose patches range from tiny to bigger than the new file's own xz. */
  private static List<ExactPairs.Pair> pairs(int n) {
    List<ExactPairs.Pair> ps = new ArrayList<>();
    ps.add(ExactPairs.unrelated(11, n));
    ps.add(ExactPairs.edited(12, n, 40));
    ps.add(ExactPairs.shiftedBlocks(13, n));
    ps.add(ExactPairs.elfLike(14, n / 400));
    Random r = new Random(15);
    ps.add(
        new ExactPairs.Pair("random", ExactPairs.random(r, n, 256), ExactPairs.random(r, n, 256)));
    return ps;
  }

  /**
   * Full sizes just below and just above each pair's real patch size, and an exact hit: a stop is
   * only ever allowed where the patch really loses (patch ≥ full), and a patch that is made equals
   * the one made without the verdict.
   */
  private static int checkAround(ExactPairs.Pair p, DiffOptions opts) throws MbDiffException {
    byte[] expected = MbDiff.diff(p.old(), p.neu(), opts);
    long real = shipped(expected);
    int stops = 0;
    List<Long> fulls = new ArrayList<>();
    for (double f : AROUND) {
      fulls.add((long) (real * f));
    }
    fulls.add(real - 1);
    fulls.add(real);
    fulls.add(real + 1);
    for (long full : fulls) {
      byte[] got = MbDiff.diffUnlessFullWins(p.old(), p.neu(), full, LZMA2, opts);
      if (got == null) {
        stops++;
        assertTrue(
            real >= full, p + ": stopped although the patch (" + real + ") beats full " + full);
      } else {
        assertArrayEquals(expected, got, p + ": the verdict changed the patch at full " + full);
      }
    }
    return stops;
  }

  @Test
  void fastModeNeverFlipsTheOutcomeNearTheThreshold() throws Exception {
    DiffOptions fast = DiffOptions.fast().withThreads(2).withChunkSize(64 << 10);
    int stops = 0;
    for (ExactPairs.Pair p : pairs(400_000)) {
      stops += checkAround(p, fast);
    }
    assertTrue(stops > 0, "the verdict must stop some diffs whose patch loses");
  }

  @Test
  void exactModeNeverFlipsTheOutcomeNearTheThreshold() throws Exception {
    // Over 2 MiB, so the parallel exact scan (the one that is watched chunk by chunk) runs.
    DiffOptions exact = DiffOptions.exact().withThreads(2);
    int stops = 0;
    List<ExactPairs.Pair> ps = pairs(2_300_000);
    for (ExactPairs.Pair p : List.of(ps.get(1), ps.get(4))) {
      stops += checkAround(p, exact);
    }
    assertTrue(stops > 0, "the verdict must stop some diffs whose patch loses");
  }

  @Test
  void aClearlyLosingPatchIsStoppedEarly() throws Exception {
    // Unrelated files over 4 letters: many short matches, so many triples all along the file, and
    // a patch that xz cannot shrink much below 2 bits per new byte.
    ExactPairs.Pair p = ExactPairs.unrelated(21, 3_000_000);
    byte[] neu = p.neu();
    long full = neu.length / 16; // as if the full file compressed far better than that
    for (DiffOptions opts :
        List.of(
            DiffOptions.exact().withThreads(2),
            DiffOptions.fast().withThreads(2).withChunkSize(64 << 10))) {
      OldIndex index = MbDiff.index(p.old(), opts);
      RunningVerdict v = new RunningVerdict(OldBytes.of(p.old()), NewBytes.of(neu), full);
      assertNull(index.plan(NewBytes.of(neu), opts, v), opts.mode() + ": stopped");
      assertTrue(v.fullWins());
      assertTrue(v.lowerBound() >= full);
      assertTrue(
          v.newBytesSeen() < 0.5 * neu.length,
          opts.mode() + ": stopped after " + v.newBytesSeen() + " of " + neu.length + " bytes");
    }
  }

  @Test
  void aWinningPatchIsNeverStopped() throws Exception {
    ExactPairs.Pair p = ExactPairs.edited(31, 2_300_000, 20);
    for (DiffOptions opts :
        List.of(
            DiffOptions.exact().withThreads(2),
            DiffOptions.fast().withThreads(2).withChunkSize(64 << 10))) {
      byte[] expected = MbDiff.diff(p.old(), p.neu(), opts);
      long full = shipped(p.neu()); // the new file's own xz: the patch is far smaller
      byte[] got = MbDiff.diffUnlessFullWins(p.old(), p.neu(), full, LZMA2, opts);
      assertNotNull(got);
      assertArrayEquals(expected, got);
    }
  }
}
