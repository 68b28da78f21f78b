/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import org.senbonzakura.mbdiff.DiffOptions;
import org.senbonzakura.mbdiff.MbDiff;

/** {@link FileDiffer} over sbz's MBDIFF10 differ, in exact (mbsdiff's bytes) or fast mode. */
public final class MbdiffFileDiffer implements FileDiffer {
  private final DiffOptions options;

  public MbdiffFileDiffer(DiffOptions options) {
    this.options = options;
  }

  /** Exact mode: Mozilla mbsdiff's bytes. */
  public static MbdiffFileDiffer exact() {
    return new MbdiffFileDiffer(DiffOptions.exact());
  }

  /** Fast mode: the parallel chunked scan. */
  public static MbdiffFileDiffer fast() {
    return new MbdiffFileDiffer(DiffOptions.fast());
  }

  @Override
  public byte[] diff(byte[] old, byte[] neu, long fullSizeToBeat) throws Exception {
    return MbDiff.diff(old, neu, options);
  }

  @Override
  public String cacheKey() {
    return "mbdiff-" + options.mode().name().toLowerCase(java.util.Locale.ROOT);
  }
}
