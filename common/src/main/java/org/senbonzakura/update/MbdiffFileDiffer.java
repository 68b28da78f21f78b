/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import org.senbonzakura.mbdiff.DiffOptions;
import org.senbonzakura.mbdiff.EarlyVerdict;
import org.senbonzakura.mbdiff.MbDiff;

/**
 * {@link FileDiffer} over sbz's MBDIFF10 differ, in exact (mbsdiff's bytes) or fast mode. Given the
 * full file's compressed size, it takes the {@link EarlyVerdict} right after the suffix sort and
 * returns null when the patch cannot win, saving the scan (about half the work on a libxul).
 */
public final class MbdiffFileDiffer implements FileDiffer {
  private final DiffOptions options;
  private final EarlyVerdict.FullFilters fullFilters;

  /** A differ whose callers' full-file sizes came from xz with unknown filters (conservative). */
  public MbdiffFileDiffer(DiffOptions options) {
    this(options, EarlyVerdict.FullFilters.UNKNOWN);
  }

  /**
   * A differ told how the full files it competes with were compressed ({@code X86_LZMA2} for the
   * full files of x86 MARs, see {@link EntryCompression#bcj()}), which sharpens the verdict.
   */
  public MbdiffFileDiffer(DiffOptions options, EarlyVerdict.FullFilters fullFilters) {
    this.options = options;
    this.fullFilters = fullFilters;
  }

  /** Exact mode: Mozilla mbsdiff's bytes. */
  public static MbdiffFileDiffer exact() {
    return new MbdiffFileDiffer(DiffOptions.exact());
  }

  /** Fast mode: the parallel chunked scan. */
  public static MbdiffFileDiffer fast() {
    return new MbdiffFileDiffer(DiffOptions.fast());
  }

  /** This differ with the full files' filters made known. */
  public MbdiffFileDiffer withFullFilters(EarlyVerdict.FullFilters filters) {
    return new MbdiffFileDiffer(options, filters);
  }

  /**
   * The raw patch, or null when {@code fullSizeToBeat >= 0} and the early verdict says the patch's
   * xz size cannot beat it. A patch that is returned is the same bytes {@link MbDiff#diff(byte[],
   * byte[], DiffOptions)} gives.
   */
  @Override
  public byte[] diff(byte[] old, byte[] neu, long fullSizeToBeat) throws Exception {
    if (fullSizeToBeat < 0) {
      return MbDiff.diff(old, neu, options);
    }
    return MbDiff.diffUnlessFullWins(old, neu, fullSizeToBeat, fullFilters, options);
  }

  @Override
  public String cacheKey() {
    return "mbdiff-" + options.mode().name().toLowerCase(java.util.Locale.ROOT);
  }
}
