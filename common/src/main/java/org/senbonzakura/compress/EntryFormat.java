/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.compress;

/** How a MAR entry's bytes are stored, as recognised by their first bytes. */
public enum EntryFormat {
  /** An xz stream ({@code FD 37 7A 58 5A 00}): every current MAR. */
  XZ,
  /** A bzip2 stream ({@code BZh1}..{@code BZh9}): MARs for updaters before Firefox 56. */
  BZIP2,
  /** Anything else: stored as is. */
  RAW;

  private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};

  /** Number of leading bytes {@link #detect} looks at. */
  public static final int MAGIC_LENGTH = XZ_MAGIC.length;

  /**
   * Recognises the format from the first {@code length} bytes of {@code head} (fewer than {@link
   * #MAGIC_LENGTH} only when the entry is that short).
   */
  public static EntryFormat detect(byte[] head, int length) {
    if (length >= XZ_MAGIC.length) {
      boolean xz = true;
      for (int i = 0; i < XZ_MAGIC.length; i++) {
        xz &= head[i] == XZ_MAGIC[i];
      }
      if (xz) {
        return XZ;
      }
    }
    if (length >= 4 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
      if (head[3] >= '1' && head[3] <= '9') {
        return BZIP2;
      }
    }
    return RAW;
  }
}
