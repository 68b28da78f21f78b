/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.senbonzakura.mbdiff.DiffOptions;
import org.senbonzakura.mbdiff.EarlyVerdict;
import org.senbonzakura.mbdiff.MbDiff;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

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

  /** The patch's size as a MAR ships it: xz, LZMA2 preset 6, CRC64. */
  private static long shipped(byte[] patch) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XZOutputStream x = new XZOutputStream(out, new LZMA2Options(6), XZ.CHECK_CRC64)) {
      x.write(patch);
    }
    return out.size();
  }

  @Test
  void theInScanVerdictKeepsWinningPatchesAndStopsLosingOnes() throws Exception {
    // Under 16 MiB, so only the in-scan verdict acts (the sampled one never samples).
    Random r = new Random(4);
    byte[] old = new byte[1_500_000];
    for (int i = 0; i < old.length; i++) {
      old[i] = (byte) r.nextInt(16);
    }
    byte[] edited = old.clone();
    for (int i = 0; i < 3000; i++) {
      edited[r.nextInt(edited.length)] = (byte) r.nextInt(256);
    }
    byte[] unrelated = new byte[old.length];
    r.nextBytes(unrelated);
    EarlyVerdict.FullFilters lzma2 = EarlyVerdict.FullFilters.LZMA2;
    for (DiffOptions opts : new DiffOptions[] {DiffOptions.exact(), DiffOptions.fast()}) {
      MbdiffFileDiffer on =
          new MbdiffFileDiffer(opts).withFullFilters(lzma2).withEarlyVerdict(true);
      for (byte[] neu : new byte[][] {edited, unrelated}) {
        byte[] plain = MbDiff.diff(old, neu, opts);
        long p = shipped(plain);
        // The patch wins by one byte, or easily: the same bytes as without the verdict.
        assertArrayEquals(plain, on.diff(old, neu, p + 1));
        assertArrayEquals(plain, on.diff(old, neu, 2 * p));
        // Just lost (p == full): the same patch or no patch, never a different one. A clear loss
        // of a big patch is stopped (a small one stays under the verdict's 16 KiB margin).
        byte[] tie = on.diff(old, neu, p);
        assertTrue(tie == null || Arrays.equals(plain, tie));
        if (neu == unrelated) {
          assertNull(on.diff(old, neu, p / 4), opts.mode() + ": a clear loss is stopped");
        }
      }
    }
  }
}
