/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.senbonzakura.io.BigFiles;

/**
 * An unpacked installation directory, listed like Mozilla's {@code list_files}/{@code list_dirs}:
 * regular files only (symbolic links are skipped, as {@code find -type f} does; a MAR cannot hold
 * them), files named {@code update.manifest}, {@code updatev2.manifest} or {@code
 * updatev3.manifest} left out, every directory kept. Files are hashed on all cores.
 */
public final class DirectorySource implements TreeSource {
  private static final Set<String> SKIPPED =
      Set.of("update.manifest", "updatev2.manifest", "updatev3.manifest");

  private final Path root;
  private final TreeListing listing;

  private DirectorySource(Path root, TreeListing listing) {
    this.root = root;
    this.listing = listing;
  }

  /** Lists and hashes {@code root}. */
  public static DirectorySource scan(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException(root + " is not a directory");
    }
    List<Path> files = new ArrayList<>();
    List<String> dirs = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root)) {
              dirs.add(relative(root, dir));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && !SKIPPED.contains(file.getFileName().toString())) {
              files.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    ConcurrentLinkedQueue<FileInfo> infos = new ConcurrentLinkedQueue<>();
    try {
      files.parallelStream()
          .forEach(
              p -> {
                try {
                  byte[] data = Files.readAllBytes(p);
                  infos.add(
                      new FileInfo(relative(root, p), modeOf(p), Hashes.sha256(data), data.length));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    String removed = null;
    for (String p : TreeListing.REMOVED_FILES_PATHS) {
      Path rf = root.resolve(p);
      if (Files.isRegularFile(rf, LinkOption.NOFOLLOW_LINKS)) {
        removed = new String(Files.readAllBytes(rf), StandardCharsets.UTF_8);
        break;
      }
    }
    return new DirectorySource(root, TreeListing.of(infos, dirs, removed));
  }

  public Path root() {
    return root;
  }

  @Override
  public TreeListing listing() {
    return listing;
  }

  @Override
  public byte[] read(String path) throws IOException {
    return BigFiles.readAllBytes(root.resolve(path));
  }

  @Override
  public void copyTo(String path, Path file) throws IOException {
    Files.copy(root.resolve(path), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** Mozilla's {@code copy_perm}: 0755 if any execute bit is set, else 0644. */
  static int modeOf(Path p) throws IOException {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
      boolean exec =
          perms.contains(PosixFilePermission.OWNER_EXECUTE)
              || perms.contains(PosixFilePermission.GROUP_EXECUTE)
              || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
      return exec ? 0755 : 0644;
    } catch (UnsupportedOperationException e) {
      return Files.isExecutable(p) ? 0755 : 0644;
    }
  }

  static String relative(Path root, Path p) {
    StringBuilder b = new StringBuilder();
    for (Path part : root.relativize(p)) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(part.toString());
    }
    return b.toString();
  }
}
