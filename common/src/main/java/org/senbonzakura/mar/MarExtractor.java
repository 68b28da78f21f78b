/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.senbonzakura.io.PosixModes;

/**
 * Extracts MAR entries into a directory without ever writing outside it: names are checked by the
 * reader's rules, resolved paths must stay under the target, and no existing symbolic link on the
 * way is followed. Modes are applied as stored (masked to {@code 0777}) where the file system
 * supports POSIX permissions.
 */
public final class MarExtractor {
  private final Path root;
  private final Path realRoot;

  /** Extracts into {@code dir}, creating it if needed. */
  public MarExtractor(Path dir) throws IOException {
    Files.createDirectories(dir);
    this.root = dir.toAbsolutePath().normalize();
    this.realRoot = dir.toRealPath();
  }

  /** Where an entry would be written, or an exception if it would escape the target. */
  public Path target(String name) throws MarException {
    MarNames.check(name);
    Path p = root.resolve(name).normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new MarFormatException(
          MarFormatException.Reason.NAME_DOT_DOT,
          "entry name " + MarNames.quote(name) + " would be written outside " + root);
    }
    return p;
  }

  /**
   * Writes one entry; decoded (with {@code limit}) unless {@code raw}.
   *
   * @return the file written
   */
  public Path extract(MarReader mar, MarEntry entry, boolean raw, long limit) throws IOException {
    target(entry.name());
    Path p = ContainedPaths.resolve(realRoot, entry.name());
    Files.createDirectories(p.getParent());
    if (Files.isSymbolicLink(p) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      throw new MarException(p + " exists and is a symbolic link or directory");
    }
    // Written beside the target and moved into place only when complete, so an entry that fails
    // half-way (too large, corrupt) leaves nothing at its final path.
    Path tmp = Files.createTempFile(p.getParent(), ".sbz-extract-", ".part");
    try {
      try (InputStream in = raw ? mar.openRaw(entry) : mar.openDecoded(entry, limit);
          OutputStream out = Files.newOutputStream(tmp)) {
        in.transferTo(out);
      }
      if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(tmp, PosixModes.permissions(entry.mode()));
      }
      Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return p;
  }
}
