/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.util.Optional;
import org.senbonzakura.io.BigFiles;

/**
 * An installation tree the builders read: an unpacked directory or a complete MAR. A MAR source
 * also hands out its entries still compressed, so unchanged full files are copied, not
 * recompressed.
 */
public interface TreeSource {
  /** The tree's files, directories and {@code removed-files}. */
  TreeListing listing();

  /** The content of the file at {@code path}. */
  byte[] read(String path) throws IOException;

  /** Writes the content of the file at {@code path} to {@code file} (replacing it). */
  default void copyTo(String path, java.nio.file.Path file) throws IOException {
    BigFiles.write(file, read(path));
  }

  /**
   * The file's entry exactly as stored in the complete MAR this tree came from (compressed), if
   * there is one and it was written with {@code compression}.
   */
  default Optional<byte[]> storedEntry(String path, EntryCompression compression)
      throws IOException {
    return Optional.empty();
  }

  /** The compressed length of {@link #storedEntry}, without reading it. */
  default long storedEntryLength(String path, EntryCompression compression) {
    return -1;
  }
}
