/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.io.ByteArrayOutputStream;

/**
 * PKCS#1 v1.5 DigestInfo encoding (RFC 8017, section 9.2): the DER prefix naming the hash, then the
 * digest. Signing or verifying a precomputed digest with {@code NONEwithRSA} over this encoding is
 * the same as {@code SHA1withRSA}/{@code SHA384withRSA} over the data.
 */
final class DigestInfo {
  private static final byte[] SHA1_PREFIX = {
    0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14
  };
  private static final byte[] SHA384_PREFIX = {
    0x30,
    0x41,
    0x30,
    0x0d,
    0x06,
    0x09,
    0x60,
    (byte) 0x86,
    0x48,
    0x01,
    0x65,
    0x03,
    0x04,
    0x02,
    0x02,
    0x05,
    0x00,
    0x04,
    0x30
  };

  private DigestInfo() {}

  static byte[] encode(SignatureAlgorithm alg, byte[] digest) {
    byte[] prefix = alg == SignatureAlgorithm.RSA_PKCS1_SHA1 ? SHA1_PREFIX : SHA384_PREFIX;
    int expected = prefix[prefix.length - 1];
    if (digest.length != expected) {
      throw new IllegalArgumentException(
          alg.digestName() + " digest must be " + expected + " bytes, got " + digest.length);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(prefix);
    out.writeBytes(digest);
    return out.toByteArray();
  }
}
