/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.storage.local;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.senbonzakura.io.PosixModes;

/**
 * Hadoop's raw local file system, with permissions set and links checked through {@code java.nio}
 * instead of a child process.
 *
 * <p>Why: without Hadoop's native library (which Spark doesn't ship), {@link RawLocalFileSystem}
 * runs {@code chmod} in a new process for every file it creates and every directory it makes, and
 * {@code readlink} for every status of a link it is asked for (FileContext's renames). A run writes
 * a blob, an explode memo entry or a Parquet part per file, so the README's three tiny partials
 * forked 563 processes, about 2 ms of wall time and 2.5 ms of CPU each on this machine; a release
 * matrix forks tens of thousands. The JDK does the same two things in-process.
 *
 * <p>Only what the JDK can do exactly is replaced: a mode with the setuid, setgid or sticky bit, a
 * file system without POSIX permissions, and the status of an actual symbolic link still go to
 * Hadoop's own code. Everything else is Hadoop's, unchanged.
 */
public class NioRawLocalFileSystem extends RawLocalFileSystem {
  @Override
  public void setPermission(Path p, FsPermission permission) throws IOException {
    short mode = permission.toShort();
    if ((mode & ~0777) != 0) {
      super.setPermission(p, permission); // setuid, setgid, sticky: beyond java.nio
      return;
    }
    try {
      Files.setPosixFilePermissions(pathToFile(p).toPath(), PosixModes.permissions(mode));
    } catch (UnsupportedOperationException e) {
      super.setPermission(p, permission); // not a POSIX file system
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException("File " + p + " does not exist");
    }
  }

  /**
   * The status of {@code f} itself. Hadoop's answer for anything that is not a symbolic link is
   * {@link #getFileStatus}; it finds that out by running {@code readlink}, this by asking the JDK.
   */
  @Override
  public FileStatus getFileLinkStatus(Path f) throws IOException {
    if (!Files.isSymbolicLink(pathToFile(f).toPath())) {
      return getFileStatus(f);
    }
    return super.getFileLinkStatus(f);
  }
}
