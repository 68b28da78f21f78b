/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import org.senbonzakura.mbdiff.DiffOptions;
import org.senbonzakura.mbdiff.MbDiff;
import org.senbonzakura.update.FileDiffer;

/**
 * A deterministic differ for the "full wins" contract: it gives the early verdict (null) for every
 * pair whose new file has an even length and a real exact patch for the others, so one run has both
 * kinds of patch-cache rows. The verdict is always safe: shipping a full file is never wrong.
 */
public final class HalfFullWinsDiffer implements FileDiffer {
  @Override
  public byte[] diff(byte[] old, byte[] neu, long fullSizeToBeat) throws Exception {
    if (fullSizeToBeat >= 0 && neu.length % 2 == 0) {
      return null;
    }
    return MbDiff.diff(old, neu, DiffOptions.exact());
  }

  @Override
  public String cacheKey() {
    return "test-half-full-wins";
  }
}
