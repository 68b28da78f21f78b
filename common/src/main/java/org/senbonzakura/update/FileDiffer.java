/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;

/** Makes one file patch (MBDIFF10), or says early that the full file will win. */
public interface FileDiffer {
  /**
   * Diffs {@code old} to {@code neu}.
   *
   * @param fullSizeToBeat the compressed size of the full new file, or -1 if unknown; a differ may
   *     give up and return null once it knows its compressed patch cannot be smaller
   * @return the raw (uncompressed) patch, or null for an early "full wins" verdict
   */
  byte[] diff(byte[] old, byte[] neu, long fullSizeToBeat) throws IOException;

  /**
   * Diffs the file {@code old} to the file {@code neu} into the file {@code patch} (raw), the same
   * bytes as {@link #diff(byte[], byte[], long)} without an early verdict. A differ that can work
   * from files overrides this to keep the new file and the patch off the heap; this default reads
   * both.
   */
  default void diff(java.nio.file.Path old, java.nio.file.Path neu, java.nio.file.Path patch)
      throws IOException {
    java.nio.file.Files.write(
        patch,
        diff(java.nio.file.Files.readAllBytes(old), java.nio.file.Files.readAllBytes(neu), -1));
  }

  /**
   * Like {@link #diff(java.nio.file.Path, java.nio.file.Path, java.nio.file.Path)}, with the early
   * verdict of {@link #diff(byte[], byte[], long)}: returns false, having written no patch, when
   * the differ finds that the patch's xz size cannot beat {@code fullSizeToBeat} (negative:
   * unknown, always diff). This default never gives up.
   */
  default boolean diff(
      java.nio.file.Path old, java.nio.file.Path neu, java.nio.file.Path patch, long fullSizeToBeat)
      throws IOException {
    diff(old, neu, patch);
    return true;
  }

  /**
   * Pairs whose larger file has this many bytes or more are diffed through the file API, so that
   * neither the new file nor the raw patch sits on the heap (libxul: ~180 MB each).
   */
  long FILE_API_AT_LEAST = 16L << 20;

  /** A short name of the differ's mode, part of the patch cache key. */
  String cacheKey();
}
