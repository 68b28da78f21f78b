/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

/**
 * How an update MAR's entries are compressed, as Mozilla's scripts do it: xz (LZMA2 preset 6,
 * CRC64, x86 BCJ on full files for x86 targets only, never on patches) or, for the legacy format,
 * bzip2 -9.
 *
 * @param xz false for bzip2
 * @param bcj true to put the x86 BCJ filter before LZMA2 on full files and manifests
 */
public record EntryCompression(boolean xz, boolean bcj) {
  /** bzip2, the pre-Firefox-56 format. */
  public static final EntryCompression BZIP2 = new EntryCompression(false, false);

  /** The compression Mozilla uses for {@code format} and target {@code arch}. */
  public static EntryCompression of(UpdateFormat format, String arch) {
    if (format == UpdateFormat.LEGACY) {
      return BZIP2;
    }
    return new EntryCompression(true, usesBcj(arch));
  }

  /** BCJ x86 is for x86 and x86-64 targets only: other updaters cannot decode it (spec §2.3). */
  public static boolean usesBcj(String arch) {
    switch (arch) {
      case "x86":
      case "x86_64":
      case "x86-64":
      case "amd64":
      case "i686":
      case "win32":
      case "win64":
      case "linux":
      case "linux64":
      case "linux-x86_64":
        return true;
      default:
        return false;
    }
  }
}
