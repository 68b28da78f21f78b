/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import org.senbonzakura.update.FileDiffer;

/** A differ that runs out of memory, as a diff too big for its executor would. */
public final class OutOfMemoryDiffer implements FileDiffer {
  @Override
  public byte[] diff(byte[] old, byte[] neu, long fullSizeToBeat) {
    throw new OutOfMemoryError("Java heap space (test)");
  }

  @Override
  public String cacheKey() {
    return "test-out-of-memory";
  }
}
