/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.io.IOException;
import org.senbonzakura.update.FileDiffer;
import org.senbonzakura.update.MbdiffFileDiffer;

/**
 * A deterministic differ for the "full wins" contract: it gives the early verdict (null) for every
 * pair whose new file has an even length and a real exact patch for the others, so one run has both
 * kinds of patch-cache rows. The verdict is always safe: shipping a full file is never wrong.
 */
public final class HalfFullWinsDiffer implements FileDiffer {
  @Override
  public byte[] diff(byte[] old, byte[] neu, long fullSizeToBeat) throws IOException {
    if (fullSizeToBeat >= 0 && neu.length % 2 == 0) {
      return null;
    }
    return MbdiffFileDiffer.exact().diff(old, neu, -1);
  }

  @Override
  public String cacheKey() {
    return "test-half-full-wins";
  }
}
