/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.senbonzakura.mbdiff.DiffOptions;
import org.senbonzakura.mbdiff.EarlyVerdict;
import org.senbonzakura.mbdiff.MbDiff;

class MbdiffFileDifferTest {
  @Test
  void returnsTheSamePatchWithOrWithoutAFullSize() throws Exception {
    byte[] old = new byte[100_000];
    new Random(1).nextBytes(old);
    byte[] neu = old.clone();
    neu[500] ^= 7;
    byte[] expected = MbDiff.diff(old, neu, DiffOptions.exact());
    assertArrayEquals(expected, MbdiffFileDiffer.exact().diff(old, neu, -1));
    // Small files are always diffed, even against a tiny full size.
    assertArrayEquals(expected, MbdiffFileDiffer.exact().diff(old, neu, 1));
  }

  @Test
  void theEarlyVerdictIsOffUnlessSwitchedOn() throws Exception {
    // unrelated random files: the patch is all "extra" bytes and cannot beat the full file
    byte[] old = new byte[EarlyVerdict.MIN_SAMPLED + 4096];
    new Random(2).nextBytes(old);
    byte[] neu = new byte[old.length];
    new Random(3).nextBytes(neu);
    long full = neu.length; // xz cannot shrink random bytes
    EarlyVerdict.FullFilters lzma2 = EarlyVerdict.FullFilters.LZMA2;
    EarlyVerdict.Result v = MbDiff.verdict(old, neu, full, lzma2, DiffOptions.exact());
    assertEquals(EarlyVerdict.Outcome.FULL_WINS, v.outcome, v.toString());
    MbdiffFileDiffer off = MbdiffFileDiffer.exact().withFullFilters(lzma2);
    assertTrue(
        Arrays.equals(MbDiff.diff(old, neu, DiffOptions.exact()), off.diff(old, neu, full)),
        "off by default: the diff runs and gives mbsdiff's bytes");
    assertTrue(off.withEarlyVerdict(true).diff(old, neu, full) == null, "on: full wins early");
  }
}
