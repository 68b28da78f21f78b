/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the patcher with mutated valid patches: every outcome must be a clean result of the
 * announced length or an {@link MbDiffException}; anything else (index errors, overflow, OOM) is a
 * bug. CI runs a few seconds; {@code -Dsbz.fuzz.minutes=N} runs N minutes, {@code
 * -Dsbz.fuzz.seed=S} replays from seed S.
 */
class MbPatchFuzzTest {
  @Test
  void mutatedPatchesFailCleanly() throws Exception {
    double minutes = Double.parseDouble(System.getProperty("sbz.fuzz.minutes", "0.05"));
    long seed = Long.parseLong(System.getProperty("sbz.fuzz.seed", "20261125"));
    long deadline = System.nanoTime() + (long) (minutes * 60e9);
    Random meta = new Random(seed);
    long cases = 0;
    long accepted = 0;
    while (System.nanoTime() < deadline || cases < 200) {
      long caseSeed = meta.nextLong();
      if (runCase(caseSeed)) {
        accepted++;
      }
      cases++;
    }
    System.out.println(
        "MbPatchFuzzTest: " + cases + " cases, " + accepted + " accepted, seed " + seed);
  }

  /** One case; returns whether the mutated patch was accepted. */
  static boolean runCase(long caseSeed) throws Exception {
    Random r = new Random(caseSeed);
    byte[] old = new byte[r.nextInt(4000)];
    r.nextBytes(old);
    if (r.nextBoolean() && old.length > 0) {
      for (int i = 0; i < old.length; i++) {
        old[i] = (byte) (old[i] & 3);
      }
    }
    byte[] neu = old.clone();
    int edits = r.nextInt(30);
    for (int i = 0; i < edits; i++) {
      neu = MbDiffPropertiesTest.edit(neu, r);
    }
    DiffOptions o =
        r.nextBoolean()
            ? DiffOptions.exact()
            : DiffOptions.fast().withChunkSize(1 + r.nextInt(900));
    byte[] patch = MbDiff.diff(old, neu, o.withThreads(1));
    mutate(patch, r);
    if (r.nextInt(8) == 0) {
      patch = java.util.Arrays.copyOf(patch, r.nextInt(patch.length + 40));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      MbDiffHeader h = MbPatch.apply(old, new ByteArrayInputStream(patch), out);
      assertEquals(h.targetLength, out.size(), "accepted patch wrote a different length");
      return true;
    } catch (MbDiffException expected) {
      assertEquals(0, out.size(), "refused patch wrote output");
      return false;
    } catch (RuntimeException | Error e) {
      fail("case seed " + caseSeed + ": " + e, e);
      return false;
    }
  }

  private static void mutate(byte[] p, Random r) {
    int kind = r.nextInt(4);
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n && p.length > 0; i++) {
      if (kind == 0) {
        int at = r.nextInt(p.length);
        p[at] ^= (byte) (1 << r.nextInt(8));
      } else if (kind == 1 && p.length >= MbDiffHeader.SIZE) {
        // a header field set to a boundary value
        int field = 8 + 4 * r.nextInt(6);
        long[] vals = {0, 1, 12, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL, r.nextInt(1 << 16)};
        MbDiffHeader.putU32(p, field, vals[r.nextInt(vals.length)]);
      } else if (kind == 2 && p.length >= MbDiffHeader.SIZE + 12) {
        // a control field of a random triple set to a boundary value
        int triples = (p.length - MbDiffHeader.SIZE) / 12;
        int at =
            MbDiffHeader.SIZE
                + 12 * r.nextInt(Math.max(1, Math.min(triples, 50)))
                + 4 * r.nextInt(3);
        long[] vals = {
          0,
          1,
          -1L & 0xFFFFFFFFL,
          0x7FFFFFFFL,
          0x80000000L,
          r.nextInt(5000),
          -r.nextInt(5000) & 0xFFFFFFFFL
        };
        if (at + 4 <= p.length) {
          MbDiffHeader.putU32(p, at, vals[r.nextInt(vals.length)]);
        }
      } else {
        p[r.nextInt(p.length)] = (byte) r.nextInt(256);
      }
    }
  }
}
