/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.tables;

import io.delta.storage.HadoopFileSystemLogStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Delta's log store for tables on a local (or locally mounted) file system, whose commits exclude
 * each other across JVMs, not only inside one.
 *
 * <p>Why: Delta commits version N of a table by writing {@code _delta_log/N.json} only if no one
 * else has. Its default store for {@code file:} paths (HDFSLogStore) checks that the file is absent
 * and then renames its temporary file over it; Hadoop's local rename replaces an existing file, so
 * the store only serialises the commits of one JVM. Two runs on one machine that share a storage
 * root (a scheduled run and a manual one, or {@code sbz serve} beside a batch run) can both
 * "commit" version N: one commit silently replaces the other, and its rows are lost. The scale-out
 * test {@code ConcurrentMergeTest} caught exactly that: two runs that created the same new table at
 * once left a log file whose Hadoop checksum belonged to the other run's commit.
 *
 * <p>Here a commit writes a hidden temporary file beside its target, then hard-links it to the
 * target name. {@code link(2)} fails when the name exists, atomically, so exactly one of any number
 * of racing writers creates version N, and the others get the {@link
 * java.nio.file.FileAlreadyExistsException} that Delta turns into a concurrent-commit conflict
 * (retried by {@code DeltaMergeRetry}). Readers never see a partly written commit, and no Hadoop
 * {@code .crc} file is written beside it that could disagree with it. Writes that may replace
 * (Delta's {@code _last_checkpoint}) use an atomic rename. A file system that refuses hard links
 * fails the commit with a message naming the setting, rather than losing a commit later.
 *
 * <p>Reading and listing are Hadoop's, unchanged. Configured by {@code
 * spark.delta.logStore.file.impl} (see {@link org.senbonzakura.jobs.spark.SparkSessions}).
 */
public final class ExclusiveLocalLogStore extends HadoopFileSystemLogStore {
  /** The Spark setting that makes Delta use this store for {@code file:} paths. */
  public static final String SETTING = "spark.delta.logStore.file.impl";

  /** Called by Delta with the session's Hadoop configuration. */
  public ExclusiveLocalLogStore(Configuration conf) {
    super(conf);
  }

  @Override
  public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration conf)
      throws IOException {
    java.nio.file.Path target = localPath(path, conf);
    java.nio.file.Path dir = target.getParent();
    Files.createDirectories(dir);
    java.nio.file.Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        while (actions.hasNext()) {
          out.write(actions.next());
          out.write('\n');
        }
      }
      if (Boolean.TRUE.equals(overwrite)) {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // a checksum Hadoop once wrote for the replaced file would no longer match it
        Files.deleteIfExists(dir.resolve("." + target.getFileName() + ".crc"));
      } else {
        link(target, temp);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Creates {@code target} as a second name of {@code temp}, only if {@code target} is absent. */
  private static void link(java.nio.file.Path target, java.nio.file.Path temp) throws IOException {
    try {
      Files.createLink(target, temp);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw e; // another writer committed this version first: Delta's conflict signal
    } catch (UnsupportedOperationException | FileSystemException e) {
      throw new IOException(
          "cannot commit "
              + target
              + " exclusively: this file system refuses hard links ("
              + e
              + "). Use a local file system that has them, or unset "
              + SETTING
              + " if only one run at a time ever writes these tables.",
          e);
    }
  }

  /** The local file behind {@code path}; other file systems are a configuration error. */
  private static java.nio.file.Path localPath(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    if (!(fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem)) {
      throw new IOException(
          ExclusiveLocalLogStore.class.getSimpleName()
              + " writes local files only, not "
              + path
              + " ("
              + fs.getClass().getName()
              + "); set it for the file scheme only: "
              + SETTING);
    }
    return java.nio.file.Path.of(fs.makeQualified(path).toUri());
  }

  /** Never: a commit becomes visible whole, by its link or rename. */
  @Override
  public Boolean isPartialWriteVisible(Path path, Configuration conf) {
    return false;
  }
}
