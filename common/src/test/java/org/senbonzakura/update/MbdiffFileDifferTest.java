/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.senbonzakura.mbdiff.DiffOptions;
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
}
