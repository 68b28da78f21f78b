/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.senbonzakura.mar.ContainedPaths;
import org.senbonzakura.mar.MarException;

/** An installation directory on disk (normally a staged copy: see {@link Applier#applyTo}). */
public final class DirectoryInstallTree implements InstallTree {
  private final Path root;

  public DirectoryInstallTree(Path root) {
    this.root = root;
  }

  @Override
  public Kind kind(String path) {
    Path p = root.resolve(path);
    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      return Kind.FILE;
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return Kind.DIRECTORY;
    }
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? Kind.FILE : Kind.NONE;
  }

  @Override
  public byte[] read(String path) throws IOException {
    return Files.readAllBytes(contained(path));
  }

  @Override
  public int mode(String path) throws IOException {
    return DirectorySource.modeOf(contained(path));
  }

  @Override
  public void write(String path, byte[] content, int mode) throws IOException, UpdateException {
    Path p = contained(path);
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new UpdateException("cannot write file '" + path + "': it is a directory");
    }
    Files.createDirectories(p.getParent());
    Files.deleteIfExists(p); // replaced, not rewritten in place: works on read-only files too
    Files.write(p, content);
    try {
      Files.setPosixFilePermissions(
          p, PosixFilePermissions.fromString(mode == 0755 ? "rwxr-xr-x" : "rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      p.toFile().setExecutable(mode == 0755);
    }
  }

  @Override
  public void delete(String path) throws IOException {
    Files.delete(contained(path));
  }

  @Override
  public boolean removeDirectoryIfEmpty(String path) throws IOException {
    Path p = contained(path);
    try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
      if (s.iterator().hasNext()) {
        return false;
      }
    }
    Files.delete(p);
    return true;
  }

  /**
   * {@code path} below the root, refused (as {@code sbz mar extract} refuses it) if it would be
   * reached through a symbolic link: the update must never change anything outside the
   * installation.
   */
  private Path contained(String path) throws UpdateException {
    try {
      return ContainedPaths.resolve(root, path);
    } catch (MarException e) {
      throw new UpdateException(e.getMessage(), e);
    }
  }

  @Override
  public List<String> listUnder(String dir) throws IOException {
    Path d = root.resolve(dir);
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(d)) {
      s.filter(p -> !p.equals(d))
          .forEach(
              p -> {
                String rel = DirectorySource.relative(root, p);
                out.add(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? rel + "/" : rel);
              });
    }
    out.sort(PathOrder.REVERSE);
    return out;
  }
}
