/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and SHA-512 as lower-case hex, the form manifests, caches and Balrog use. */
public final class Hashes {
  private Hashes() {}

  public static String sha256(byte[] data) {
    return hex("SHA-256", data);
  }

  public static String sha512(byte[] data) {
    return hex("SHA-512", data);
  }

  /** A fresh digest; SHA-256 and SHA-512 are in every JDK. */
  public static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " missing from the JDK", e);
    }
  }

  private static String hex(String algorithm, byte[] data) {
    return HexFormat.of().formatHex(digest(algorithm).digest(data));
  }
}
