/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex digests, the content addresses of everything the pipeline stores. */
public final class Digests {
  private Digests() {}

  public static MessageDigest sha256() {
    return get("SHA-256");
  }

  public static MessageDigest sha512() {
    return get("SHA-512");
  }

  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  public static String sha256Hex(byte[] data) {
    return hex(sha256().digest(data));
  }

  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** True for a lower- or upper-case hex string of exactly {@code chars} characters. */
  public static boolean isHex(String s, int chars) {
    return s != null && s.length() == chars && s.chars().allMatch(Digests::isHexChar);
  }

  private static boolean isHexChar(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static MessageDigest get(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without " + name, e);
    }
  }
}
