/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

/**
 * CRC-32/BZIP2 (polynomial 0x04C11DB7, MSB first, init and final XOR 0xFFFFFFFF), the checksum that
 * MBDIFF10 headers carry for the source file. It is not {@link java.util.zip.CRC32} (zlib's
 * reflected CRC): the updater checks with bzip2's table, so zlib's value fails every patch.
 */
public final class Crc32Bzip2 {
  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int c = i << 24;
      for (int k = 0; k < 8; k++) {
        c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
      }
      TABLE[i] = c;
    }
  }

  private int crc = 0xFFFFFFFF;

  /** Adds {@code len} bytes of {@code b} from {@code off}. */
  public Crc32Bzip2 update(byte[] b, int off, int len) {
    int c = crc;
    for (int i = off, end = off + len; i < end; i++) {
      c = (c << 8) ^ TABLE[((c >>> 24) ^ b[i]) & 0xFF];
    }
    crc = c;
    return this;
  }

  /** The CRC of everything added so far. */
  public int value() {
    return ~crc;
  }

  /** The CRC-32/BZIP2 of a whole array. */
  public static int of(byte[] b) {
    return new Crc32Bzip2().update(b, 0, b.length).value();
  }
}
