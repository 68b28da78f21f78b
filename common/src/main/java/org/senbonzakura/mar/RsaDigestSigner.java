/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;

/**
 * Signs MAR digests with a local RSA private key through {@code java.security}. The algorithm
 * follows the key size as in Mozilla's tools: 2048-bit keys sign with SHA-1 (id 1), 4096-bit keys
 * with SHA-384 (id 2).
 */
public final class RsaDigestSigner implements DigestSigner {
  private final RSAPrivateKey key;
  private final SignatureAlgorithm algorithm;

  private RsaDigestSigner(RSAPrivateKey key, SignatureAlgorithm algorithm) {
    this.key = key;
    this.algorithm = algorithm;
  }

  /** A signer for a 2048-bit (SHA-1) or 4096-bit (SHA-384) key. */
  public static RsaDigestSigner of(RSAPrivateKey key) throws MarException {
    int bits = key.getModulus().bitLength();
    SignatureAlgorithm alg =
        SignatureAlgorithm.forKeyBits(bits)
            .orElseThrow(
                () ->
                    new MarException(
                        "RSA key has "
                            + bits
                            + " bits; MAR signing needs 2048 (SHA-1) or 4096 (SHA-384)"));
    return new RsaDigestSigner(key, alg);
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public int signatureLength() {
    return (key.getModulus().bitLength() + 7) / 8;
  }

  @Override
  public byte[] sign(byte[] digest) throws GeneralSecurityException {
    Signature s = Signature.getInstance("NONEwithRSA");
    s.initSign(key);
    s.update(DigestInfo.encode(algorithm, digest));
    return s.sign();
  }
}
