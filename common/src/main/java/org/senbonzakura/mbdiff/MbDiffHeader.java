/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.nio.charset.StandardCharsets;

/**
 * The 32-byte big-endian MBDIFF10 header (spec §3.2). Lengths are u32 on disk and kept as longs
 * here so a hostile value never turns negative.
 */
public final class MbDiffHeader {
  /** Size of the header on disk. */
  public static final int SIZE = 32;

  static final byte[] TAG = "MBDIFF10".getBytes(StandardCharsets.US_ASCII);

  public final long sourceLength;
  public final int sourceCrc;
  public final long targetLength;
  public final long controlLength;
  public final long diffLength;
  public final long extraLength;

  public MbDiffHeader(
      long sourceLength,
      int sourceCrc,
      long targetLength,
      long controlLength,
      long diffLength,
      long extraLength) {
    this.sourceLength = sourceLength;
    this.sourceCrc = sourceCrc;
    this.targetLength = targetLength;
    this.controlLength = controlLength;
    this.diffLength = diffLength;
    this.extraLength = extraLength;
  }

  /** Total patch size the header announces: header plus the three blocks. */
  public long patchLength() {
    return SIZE + controlLength + diffLength + extraLength;
  }

  /** The header as it is written to disk. */
  public byte[] toBytes() {
    byte[] b = new byte[SIZE];
    System.arraycopy(TAG, 0, b, 0, 8);
    putU32(b, 8, sourceLength);
    putU32(b, 12, sourceCrc & 0xFFFFFFFFL);
    putU32(b, 16, targetLength);
    putU32(b, 20, controlLength);
    putU32(b, 24, diffLength);
    putU32(b, 28, extraLength);
    return b;
  }

  /** Parses the first 32 bytes of {@code b}; fails on a wrong tag. */
  public static MbDiffHeader parse(byte[] b) throws MbDiffException {
    if (b.length < SIZE) {
      throw new MbDiffException("patch is " + b.length + " bytes, shorter than the 32-byte header");
    }
    for (int i = 0; i < 8; i++) {
      if (b[i] != TAG[i]) {
        throw new MbDiffException("patch does not start with the MBDIFF10 tag");
      }
    }
    return new MbDiffHeader(
        u32(b, 8), (int) u32(b, 12), u32(b, 16), u32(b, 20), u32(b, 24), u32(b, 28));
  }

  static long u32(byte[] b, int off) {
    return ((b[off] & 0xFFL) << 24)
        | ((b[off + 1] & 0xFFL) << 16)
        | ((b[off + 2] & 0xFFL) << 8)
        | (b[off + 3] & 0xFFL);
  }

  static void putU32(byte[] b, int off, long v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  @Override
  public String toString() {
    return "MBDIFF10[slen="
        + sourceLength
        + ", scrc32="
        + String.format("%08x", sourceCrc)
        + ", dlen="
        + targetLength
        + ", cblen="
        + controlLength
        + ", difflen="
        + diffLength
        + ", extralen="
        + extraLength
        + "]";
  }
}
