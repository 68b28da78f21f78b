/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import org.senbonzakura.mbdiff.DiffOptions;
import org.senbonzakura.mbdiff.EarlyVerdict;
import org.senbonzakura.mbdiff.MbDiff;
import org.senbonzakura.mbdiff.MbDiffException;
import org.senbonzakura.mbdiff.MbDiffHeader;

/**
 * {@link FileDiffer} over sbz's MBDIFF10 differ, in exact (mbsdiff's bytes) or fast mode. With the
 * early verdict switched on ({@link #withEarlyVerdict}) and given the full file's compressed size,
 * it takes the sampled {@link EarlyVerdict} right after the suffix sort, then watches the scan with
 * the in-scan verdict (the patch's blocks xz'd as the scan settles them), and returns null as soon
 * as either shows that the patch cannot win, saving the rest of the scan. It is off by default:
 * both cost CPU (the in-scan one about one more xz of the patch), so callers opt in ({@code sbz
 * partial --early-verdict}); see docs/mbdiff.md.
 */
public final class MbdiffFileDiffer implements FileDiffer {
  private final DiffOptions options;
  private final EarlyVerdict.FullFilters fullFilters;
  private final boolean earlyVerdict;

  /** A differ whose callers' full-file sizes came from xz with unknown filters (conservative). */
  public MbdiffFileDiffer(DiffOptions options) {
    this(options, EarlyVerdict.FullFilters.UNKNOWN);
  }

  /**
   * A differ told how the full files it competes with were compressed ({@code X86_LZMA2} for the
   * full files of x86 MARs, see {@link EntryCompression#bcj()}), which sharpens the verdict.
   */
  public MbdiffFileDiffer(DiffOptions options, EarlyVerdict.FullFilters fullFilters) {
    this(options, fullFilters, false);
  }

  private MbdiffFileDiffer(
      DiffOptions options, EarlyVerdict.FullFilters fullFilters, boolean earlyVerdict) {
    this.options = options;
    this.fullFilters = fullFilters;
    this.earlyVerdict = earlyVerdict;
  }

  /** This differ with the early verdict on or off (off by default). */
  public MbdiffFileDiffer withEarlyVerdict(boolean on) {
    return new MbdiffFileDiffer(options, fullFilters, on);
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
    return new MbdiffFileDiffer(options, filters, earlyVerdict);
  }

  /**
   * The raw patch, or null when the early verdict is on, {@code fullSizeToBeat >= 0} and it says
   * the patch's xz size cannot beat it. A patch that is returned is the same bytes {@link
   * MbDiff#diff(byte[], byte[], DiffOptions)} gives.
   */
  @Override
  public byte[] diff(byte[] old, byte[] neu, long fullSizeToBeat) throws UpdateException {
    try {
      if (!earlyVerdict || fullSizeToBeat < 0) {
        return MbDiff.diff(old, neu, options);
      }
      return MbDiff.diffUnlessFullWins(old, neu, fullSizeToBeat, fullFilters, options);
    } catch (MbDiffException e) {
      throw new UpdateException(e.getMessage(), e);
    }
  }

  /**
   * Through the differ's file API: the new file is mapped, in exact mode the old one too where the
   * heap is short of what holding it needs ({@link MbDiff#diff(java.nio.file.Path,
   * java.nio.file.Path, java.nio.file.Path, DiffOptions)}), and the patch is streamed to disk.
   */
  @Override
  public void diff(java.nio.file.Path old, java.nio.file.Path neu, java.nio.file.Path patch)
      throws IOException {
    try {
      MbDiff.diff(old, neu, patch, options);
    } catch (MbDiffException e) {
      throw new UpdateException(e.getMessage(), e);
    }
  }

  /**
   * Through the file API, with the early and in-scan verdicts when they are on and {@code
   * fullSizeToBeat >= 0}: false (and no patch file) when the full file wins. A patch that is
   * written is the same bytes as without the verdicts.
   */
  @Override
  public boolean diff(
      java.nio.file.Path old, java.nio.file.Path neu, java.nio.file.Path patch, long fullSizeToBeat)
      throws IOException {
    if (!earlyVerdict || fullSizeToBeat < 0) {
      diff(old, neu, patch);
      return true;
    }
    MbDiffHeader h;
    try (java.io.OutputStream out =
        new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(patch), 1 << 20)) {
      h = MbDiff.diffUnlessFullWins(old, neu, fullSizeToBeat, fullFilters, out, options);
    } catch (MbDiffException e) {
      java.nio.file.Files.deleteIfExists(patch);
      throw new UpdateException(e.getMessage(), e);
    }
    if (h == null) {
      java.nio.file.Files.deleteIfExists(patch);
      return false;
    }
    return true;
  }

  @Override
  public String cacheKey() {
    return "mbdiff-" + options.mode().name().toLowerCase(java.util.Locale.ROOT);
  }
}
