/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EarlyVerdictTest {
  private static byte[] lowEntropy(int n, long seed) {
    // Compressible but not trivial: words from a small vocabulary, like code or text.
    Random r = new Random(seed);
    byte[] b = new byte[n];
    for (int i = 0; i < n; ) {
      int word = r.nextInt(4096);
      for (int k = 0; k < 6 && i < n; k++) {
        b[i++] = (byte) (word * 31 + k * 7);
      }
    }
    return b;
  }

  @Test
  void smallEditedFileMeasuresTheRealPatch() throws Exception {
    byte[] old = lowEntropy(100_000, 1);
    byte[] neu = old.clone();
    neu[1000] ^= 1;
    long full = EarlyVerdict.xz(neu, false);
    EarlyVerdict.Result r = EarlyVerdict.estimate(old, neu, full, false);
    assertEquals(EarlyVerdict.Outcome.PATCH_WINS, r.outcome, r.toString());
  }

  @Test
  void sampledEstimateTellsEditsFromUnrelatedFiles() throws Exception {
    int n = 700_000;
    byte[] old = lowEntropy(n, 2);
    Random r = new Random(3);
    byte[] edited = old.clone();
    for (int i = 0; i < 400; i++) {
      edited[r.nextInt(n)] = (byte) r.nextInt(256);
    }
    long fullEdited = EarlyVerdict.xz(edited, false);
    EarlyVerdict.Result win =
        EarlyVerdict.estimate(old, edited, fullEdited, false, 8, 32 << 10, 256 << 10);
    assertEquals(EarlyVerdict.Outcome.PATCH_WINS, win.outcome, win.toString());
    assertTrue(win.ratio < 0.5, win.toString());

    byte[] unrelated = lowEntropy(n, 4);
    long fullUnrelated = EarlyVerdict.xz(unrelated, false);
    EarlyVerdict.Result lose =
        EarlyVerdict.estimate(old, unrelated, fullUnrelated, false, 8, 32 << 10, 256 << 10);
    assertEquals(EarlyVerdict.Outcome.FULL_WINS, lose.outcome, lose.toString());
  }

  @Test
  void normalCdf() {
    assertEquals(0.5, EarlyVerdict.normalCdf(0), 1e-6);
    assertEquals(0.975, EarlyVerdict.normalCdf(1.96), 1e-3);
    assertEquals(0.025, EarlyVerdict.normalCdf(-1.96), 1e-3);
  }
}
