/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

/**
 * Reads just enough of a stored entry's header to tell whether it was compressed the way a new
 * entry would be, so it can be copied instead of recompressed: for xz, a CRC64 stream whose first
 * block uses exactly [x86 BCJ,] LZMA2 with an 8 MiB dictionary (Mozilla's effective preset 6); for
 * bzip2, block size 9.
 */
final class XzHeaders {
  private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
  private static final int CHECK_CRC64 = 0x04;
  private static final int FILTER_X86 = 0x04;
  private static final int FILTER_LZMA2 = 0x21;
  private static final int DICT_8MIB = 22; // LZMA2 dictionary byte for 2^23

  /**
   * Bytes {@link #matches} reads at most: the stream header (12) and the largest block header
   * (1024), so it gives the same answer on an entry's first {@code HEAD_BYTES} as on all of it.
   */
  static final int HEAD_BYTES = 12 + 1024;

  private XzHeaders() {}

  static boolean matches(byte[] d, EntryCompression c, boolean fullFile) {
    if (!c.xz()) {
      return d.length >= 4 && d[0] == 'B' && d[1] == 'Z' && d[2] == 'h' && d[3] == '9';
    }
    if (d.length < 24) {
      return false;
    }
    for (int i = 0; i < XZ_MAGIC.length; i++) {
      if (d[i] != XZ_MAGIC[i]) {
        return false;
      }
    }
    if (d[6] != 0 || d[7] != CHECK_CRC64) {
      return false;
    }
    int pos = 12;
    int headerSize = ((d[pos] & 0xFF) + 1) * 4;
    if (headerSize == 4 || pos + headerSize > d.length) {
      return false;
    }
    int flags = d[pos + 1] & 0xFF;
    int filters = (flags & 0x03) + 1;
    int[] p = {pos + 2};
    if ((flags & 0x40) != 0 && varint(d, p) < 0) {
      return false;
    }
    if ((flags & 0x80) != 0 && varint(d, p) < 0) {
      return false;
    }
    boolean bcj = fullFile && c.bcj();
    if (filters != (bcj ? 2 : 1)) {
      return false;
    }
    if (bcj && (varint(d, p) != FILTER_X86 || varint(d, p) != 0)) {
      return false;
    }
    return varint(d, p) == FILTER_LZMA2
        && varint(d, p) == 1
        && p[0] < d.length
        && (d[p[0]] & 0xFF) == DICT_8MIB;
  }

  /** An xz variable-length integer at {@code p[0]}, advancing it; -1 if malformed. */
  private static long varint(byte[] d, int[] p) {
    long v = 0;
    for (int i = 0; i < 9 && p[0] < d.length; i++) {
      int b = d[p[0]++] & 0xFF;
      v |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    return -1;
  }
}
