/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.Serializable;

/**
 * One regular file of an installation tree, as the manifest rules see it. The rules never look at
 * file contents, only at these four facts, so the Spark job can run them on rows.
 *
 * @param path relative, {@code /}-separated path
 * @param mode Unix permission bits as a MAR stores them: {@code 0755} or {@code 0644}
 * @param sha256 lower-case hex SHA-256 of the (decompressed) content, or, for a file that a partial
 *     leaves alone because both complete MARs store it byte for byte alike, a name of those stored
 *     bytes starting with {@link #UNHASHED} (see {@link #unhashed})
 * @param size content length in bytes
 */
public record FileInfo(String path, int mode, String sha256, long size) implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Starts the {@link #sha256} of a file described without hashing it. Never hex, so it never
   * equals a real digest: such a file is the same content only as its twin in the other MAR.
   */
  public static final String UNHASHED = "unhashed:";

  /**
   * A file whose content is known to equal its twin in the other complete MAR (the same stored
   * bytes at the same path), described without decoding it: both twins get this same identity.
   */
  public static FileInfo unhashed(String path, int mode, long storedLength, long size) {
    return new FileInfo(path, normalizeMode(mode), UNHASHED + storedLength + ":" + path, size);
  }

  /** False for a file described by {@link #unhashed}: its content was never hashed. */
  public boolean hashed() {
    return !sha256.startsWith(UNHASHED);
  }

  /** The mode Mozilla's {@code copy_perm} gives a staged file: 0755 if executable, else 0644. */
  public static int normalizeMode(int mode) {
    return (mode & 0111) != 0 ? 0755 : 0644;
  }

  /** True if both describe the same bytes. */
  public boolean sameContent(FileInfo other) {
    return size == other.size && sha256.equals(other.sha256);
  }
}
