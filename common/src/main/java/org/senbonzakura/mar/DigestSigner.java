/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * Signs a MAR digest. The MAR code computes the hash itself (streaming over the file) and hands
 * only the digest over, so the signer can be a local key ({@link RsaDigestSigner}) or a remote
 * hash-signing service that never sees the MAR.
 */
public interface DigestSigner {
  /** The algorithm whose id is stored and whose hash the digest is. */
  SignatureAlgorithm algorithm();

  /** Length in bytes of every signature this signer produces (the RSA modulus size). */
  int signatureLength();

  /**
   * Signs a digest with RSA PKCS#1 v1.5 (the DigestInfo wrapping is the signer's job).
   *
   * @param digest the {@link SignatureAlgorithm#digestName()} hash of the MAR
   * @return exactly {@link #signatureLength()} bytes
   */
  byte[] sign(byte[] digest) throws IOException, GeneralSecurityException;
}
