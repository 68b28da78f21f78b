/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.compress;

/**
 * How hard the xz encoder searches for matches, for the same LZMA2 preset-6 stream settings (8 MiB
 * dictionary, literal and position bits): the updater's decoder needs the same memory and cannot
 * tell the two apart, since match search is the encoder's business alone.
 *
 * <p>Why there are two: {@link #MOZILLA} is what Mozilla's scripts use ({@code --lzma2} alone), so
 * output meant to be byte-identical to theirs must use it. {@link #DEEP} raises the encoder's "nice
 * length" from preset 6's 64 to 96 bytes, so the match finder keeps looking for longer matches: a
 * patch's diff block is mostly long runs of zeros and repeats, where that pays. Measured on the
 * minor Firefox pair's libxul patch from fast mode (docs/benchmarks.md, "Fast-mode patches, deeper
 * xz search"): 9,012,964 → 8,689,948 bytes (−3.6 %) for about 1.4 × the compression CPU. Fast mode
 * ({@code sbz partial --fast}) spends it, since its differ leaves cores and time to spare.
 */
public enum XzEffort {
  /** Preset 6 as it is, as Mozilla's scripts compress. */
  MOZILLA(0),
  /** Preset 6 with a nice length of {@link #DEEP_NICE_LEN}. */
  DEEP(XzEffort.DEEP_NICE_LEN);

  /** {@link #DEEP}'s nice length (preset 6 uses 64). */
  public static final int DEEP_NICE_LEN = 96;

  private final int niceLen;

  XzEffort(int niceLen) {
    this.niceLen = niceLen;
  }

  /** The encoder's nice length, or 0 for the preset's own. */
  public int niceLen() {
    return niceLen;
  }

  /** XZ Utils' LZMA2 filter option for this effort, e.g. {@code --lzma2=preset=6,nice=96}. */
  public String xzUtilsFilter() {
    return niceLen == 0
        ? "--lzma2"
        : "--lzma2=preset=" + EntryCodecs.XZ_PRESET + ",nice=" + niceLen;
  }

  /**
   * The effort for a partial's patches in a diff mode, the one rule for {@code sbz partial} and the
   * pipeline: fast mode spends the time its differ saves on {@link #DEEP} (smaller patches, same
   * decoder); exact mode keeps {@link #MOZILLA}, so its partials stay byte-identical to Mozilla's.
   */
  public static XzEffort forPatches(boolean fastMode) {
    return fastMode ? DEEP : MOZILLA;
  }

  /** A short tag for cache keys and generator strings ({@code ""} for {@link #MOZILLA}). */
  public String tag() {
    return niceLen == 0 ? "" : "-nice" + niceLen;
  }
}
