/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.util.Optional;

/**
 * The MAR signature algorithms. Current updaters accept only {@link #RSA_PKCS1_SHA384}; {@link
 * #RSA_PKCS1_SHA1} is what old MARs (and mardor's test files) carry.
 */
public enum SignatureAlgorithm {
  /** Id 1: RSA PKCS#1 v1.5 with SHA-1, 2048-bit keys, 256-byte signatures. */
  RSA_PKCS1_SHA1(1, "SHA-1", 2048),
  /** Id 2: RSA PKCS#1 v1.5 with SHA-384, 4096-bit keys, 512-byte signatures. */
  RSA_PKCS1_SHA384(2, "SHA-384", 4096);

  private final int id;
  private final String digestName;
  private final int keyBits;

  SignatureAlgorithm(int id, String digestName, int keyBits) {
    this.id = id;
    this.digestName = digestName;
    this.keyBits = keyBits;
  }

  /** The id stored in the MAR. */
  public int id() {
    return id;
  }

  /** The {@link java.security.MessageDigest} name. */
  public String digestName() {
    return digestName;
  }

  /** The RSA key size this algorithm is defined for. */
  public int keyBits() {
    return keyBits;
  }

  /** The signature length in bytes. */
  public int signatureLength() {
    return keyBits / 8;
  }

  /** The algorithm with the given MAR id, if known. */
  public static Optional<SignatureAlgorithm> byId(int id) {
    for (SignatureAlgorithm a : values()) {
      if (a.id == id) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** The algorithm a key of this size is used with, if any. */
  public static Optional<SignatureAlgorithm> forKeyBits(int bits) {
    for (SignatureAlgorithm a : values()) {
      if (a.keyBits == bits) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** A display name such as {@code RSA-PKCS1-SHA384}. */
  public String displayName() {
    return "RSA-PKCS1-" + digestName.replace("-", "");
  }
}
