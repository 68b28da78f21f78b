/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The tests of the mapped old and new files ({@link MappedOldFileTest}, {@link MappedNewFileTest}):
 * a temporary directory to write their files into, deleted with everything in it on close, and the
 * mapping of such a file in either form. A directory of its own per try, since jqwik's properties
 * get no JUnit {@code @TempDir}.
 */
final class MappedFiles implements AutoCloseable {
  private final Path dir;

  /** Creates the directory. */
  MappedFiles() throws IOException {
    dir = Files.createTempDirectory("sbz-mapped");
  }

  /** The file {@code name} in the directory (not created). */
  Path path(String name) {
    return dir.resolve(name);
  }

  /** Writes {@code bytes} to the file {@code name} in the directory. */
  Path write(String name, byte[] bytes) throws IOException {
    return Files.write(path(name), bytes);
  }

  /** The file mapped as the old side; the mapping outlives the channel. */
  static OldBytes mapOld(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return OldBytes.map(ch);
    }
  }

  /** The file mapped as the new side; the mapping outlives the channel. */
  static NewBytes mapNew(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return NewBytes.map(ch);
    }
  }

  /** Deletes the directory and everything in it. */
  @Override
  public void close() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
