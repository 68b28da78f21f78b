/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.util.List;

/**
 * The installation an {@link Applier} changes: a real (staged) directory, or an in-memory overlay
 * over a listing when a partial is only being verified.
 */
public interface InstallTree {
  /** What is at a path. */
  enum Kind {
    NONE,
    FILE,
    DIRECTORY
  }

  Kind kind(String path);

  byte[] read(String path) throws IOException;

  int mode(String path) throws IOException;

  /** Writes a regular file, creating missing parent directories. */
  void write(String path, byte[] content, int mode) throws IOException, UpdateException;

  void delete(String path) throws IOException;

  /** Removes an empty directory; false if it is not empty (the updater ignores that). */
  boolean removeDirectoryIfEmpty(String path) throws IOException;

  /**
   * Everything under {@code dir}, deepest first (children before their directory), as {@code
   * rmrfdir} expands it. Directory paths end with {@code /}.
   */
  List<String> listUnder(String dir) throws IOException;

  /**
   * Writes {@code entry} of {@code update} as the file {@code path}. A default method, so that a
   * tree that tracks digests (a memoized {@link OverlayInstallTree}) can skip decoding an entry
   * whose content it already knows.
   */
  default void add(String path, UpdateContents update, String entry, int mode)
      throws IOException, UpdateException {
    write(path, update.entry(entry), mode);
  }

  /**
   * Replaces the file {@code path} with the patch {@code entry} of {@code update} applied to it,
   * keeping its mode (as the updater does). A default method for the same reason as {@link #add}.
   */
  default void patch(String path, UpdateContents update, String entry, PatchFunction patcher)
      throws IOException {
    write(path, patcher.apply(read(path), update.entry(entry)), mode(path));
  }
}
