/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

/**
 * How an update MAR's entries are compressed, as Mozilla's scripts do it: xz (LZMA2 preset 6,
 * CRC64, x86 BCJ on full files for the targets {@link TargetArch#bcj()} names, never on patches)
 * or, for the legacy format, bzip2 -9.
 *
 * @param xz false for bzip2
 * @param bcj true to put the x86 BCJ filter before LZMA2 on full files and manifests
 */
public record EntryCompression(boolean xz, boolean bcj) {
  /** bzip2, the pre-Firefox-56 format. */
  public static final EntryCompression BZIP2 = new EntryCompression(false, false);

  /**
   * The compression Mozilla uses for {@code format} and target {@code arch} (an architecture or
   * build platform name, see {@link TargetArch}).
   *
   * @throws UpdateException if {@code arch} is not a known target
   */
  public static EntryCompression of(UpdateFormat format, String arch) throws UpdateException {
    return of(format, TargetArch.parse(arch));
  }

  /** The compression Mozilla uses for {@code format} and {@code target}. */
  public static EntryCompression of(UpdateFormat format, TargetArch target) {
    if (format == UpdateFormat.LEGACY) {
      return BZIP2;
    }
    return new EntryCompression(true, target.bcj());
  }
}
