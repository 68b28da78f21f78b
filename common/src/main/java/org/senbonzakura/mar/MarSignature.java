/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.util.Arrays;

/**
 * One entry of the signature block.
 *
 * @param algorithmId 1 = RSA-PKCS#1-SHA1, 2 = RSA-PKCS#1-SHA384 (see {@link SignatureAlgorithm})
 * @param offset position of the signature bytes (after the 8-byte id/length header) in the file
 * @param bytes the signature as stored (big-endian RSA output)
 */
public record MarSignature(int algorithmId, long offset, byte[] bytes) {
  public MarSignature {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MarSignature s
        && s.algorithmId == algorithmId
        && s.offset == offset
        && Arrays.equals(s.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(offset) * 31 + Arrays.hashCode(bytes) + algorithmId;
  }

  @Override
  public String toString() {
    return "MarSignature[algorithmId="
        + algorithmId
        + ", offset="
        + offset
        + ", length="
        + bytes.length
        + "]";
  }
}
