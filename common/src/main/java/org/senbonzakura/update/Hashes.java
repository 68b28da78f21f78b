/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
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

  /**
   * A file's SHA-512, read as a stream: a written MAR (tens of MB) need not be read back onto the
   * heap just to be hashed.
   */
  public static String sha512(Path file) throws IOException {
    MessageDigest d = digest("SHA-512");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), d)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(d.digest());
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
