/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One service per storage root, so that at most one run at a time starts from the queue: an OS file
 * lock on {@code <root>/.sbz-serve.lock}, which the kernel releases when the process dies (even by
 * {@code kill -9}), so a restarted service never waits for a stale lock. On object stores and HDFS
 * there is no such lock; the service then says so and relies on the operator to run one.
 */
final class RootLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RootLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock of a {@code file:} root; null for other roots (not enforced there). */
  static RootLock acquire(String storageRoot) throws IOException {
    if (!storageRoot.startsWith("file:")) {
      System.err.println(
          "sbz serve: " + storageRoot + " is not local: run one service per storage root");
      return null;
    }
    Path root = Path.of(URI.create(storageRoot.replace(" ", "%20")));
    Files.createDirectories(root);
    FileChannel ch =
        FileChannel.open(
            root.resolve(".sbz-serve.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      l = null; // held by this JVM (a service and sbz admin in one process, as in tests)
    }
    if (l == null) {
      ch.close();
      throw new IOException("another sbz serve is running on " + storageRoot);
    }
    return new RootLock(ch, l);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
