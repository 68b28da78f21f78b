/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

/**
 * Bytes known by their SHA-256 and length, without the bytes: what a {@link VerifierMemo} stores
 * and answers, so remembered work costs a line of text instead of the content.
 *
 * @param sha256 lower-case hex SHA-256
 * @param size length in bytes
 */
public record ContentDigest(String sha256, long size) {
  /** The digest of {@code bytes}. */
  public static ContentDigest of(byte[] bytes) {
    return new ContentDigest(Hashes.sha256(bytes), bytes.length);
  }
}
