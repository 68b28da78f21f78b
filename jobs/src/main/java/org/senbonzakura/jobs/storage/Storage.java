/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.util.SerializableConfiguration;

/**
 * All file access of the pipeline, through Hadoop's FileSystem API so the same code works on a
 * local disk, HDFS and S3 ({@code s3a://}). Its one rule: a file is visible under its final name
 * only when complete. On file systems with an atomic rename the bytes go to a hidden temporary name
 * first; on object stores ({@code s3a}) the object becomes visible only when the upload completes
 * at close, so the final key is written directly.
 */
public final class Storage implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SerializableConfiguration hadoop;

  public Storage(Configuration hadoopConf) {
    this.hadoop = new SerializableConfiguration(hadoopConf);
  }

  /** Writes the body of a file. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  public Configuration hadoopConf() {
    return hadoop.value();
  }

  public FileSystem fs(String location) throws IOException {
    return new Path(location).getFileSystem(hadoop.value());
  }

  public boolean exists(String location) throws IOException {
    return fs(location).exists(new Path(location));
  }

  /** The length of a file, or -1 if it does not exist. */
  public long length(String location) throws IOException {
    Path p = new Path(location);
    FileSystem fs = p.getFileSystem(hadoop.value());
    return fs.exists(p) ? fs.getFileStatus(p).getLen() : -1;
  }

  public InputStream open(String location) throws IOException {
    return fs(location).open(new Path(location));
  }

  public void delete(String location) throws IOException {
    fs(location).delete(new Path(location), false);
  }

  /**
   * Writes a file so that no reader ever sees it incomplete. If the body throws, nothing is left
   * behind under the final name.
   *
   * @param replace when false and the file already exists, the new copy is dropped (right for
   *     content-addressed files, whose existing copy has the same bytes)
   */
  public void writeAtomically(String location, boolean replace, Writer body) throws IOException {
    Path target = new Path(location);
    FileSystem fs = target.getFileSystem(hadoop.value());
    if (isObjectStore(fs)) {
      try (FSDataOutputStream out = fs.create(target, true)) {
        body.write(out);
      }
      return;
    }
    try (SiblingFile staged = new SiblingFile(fs, temporarySibling(target))) {
      try (OutputStream out = staged.output()) {
        body.write(out);
      }
      staged.commit(location, replace);
    }
  }

  /**
   * Starts writing a file whose final name is known only after its last byte (a content-addressed
   * blob, a download checked against its hash). Write to {@link Staged#output()}, close that
   * stream, then {@link Staged#commit} under the final name; closing the {@code Staged} without a
   * commit leaves nothing behind.
   *
   * <p>On a file system the bytes go to a hidden sibling of {@code near} and the commit renames it.
   * On an object store a rename is a server-side copy, which for a 184 MB object is slow, costs a
   * second transfer and needs multipart copy, which some S3 servers lack; so the bytes are spooled
   * to a local temporary file instead and uploaded once, under the final key, at commit.
   */
  public Staged stage(String near) throws IOException {
    Path nearPath = new Path(near);
    FileSystem fs = nearPath.getFileSystem(hadoop.value());
    return isObjectStore(fs) ? new LocalSpool(fs) : new SiblingFile(fs, temporarySibling(nearPath));
  }

  /** A file being written under a temporary name: see {@link #stage}. */
  public interface Staged extends AutoCloseable {
    /** Where the bytes go; close it before {@link #commit}. */
    OutputStream output() throws IOException;

    /**
     * Makes the finished bytes visible under {@code location}.
     *
     * @param replace when false and the file already exists, the staged copy is dropped
     */
    void commit(String location, boolean replace) throws IOException;

    /** Removes what is left of an uncommitted (or committed) staged file. */
    @Override
    void close() throws IOException;
  }

  /** Staged in the same file system, committed by rename. */
  private static final class SiblingFile implements Staged {
    private final FileSystem fs;
    private final Path tmp;

    SiblingFile(FileSystem fs, Path tmp) {
      this.fs = fs;
      this.tmp = tmp;
    }

    @Override
    public OutputStream output() throws IOException {
      return fs.create(tmp, true);
    }

    @Override
    public void commit(String location, boolean replace) throws IOException {
      Storage.commit(fs, tmp, new Path(location), replace);
    }

    @Override
    public void close() throws IOException {
      fs.delete(tmp, false);
    }
  }

  /** Staged on the local disk, committed by one upload to the final key of an object store. */
  private static final class LocalSpool implements Staged {
    private final FileSystem fs;
    private final java.nio.file.Path spool;

    LocalSpool(FileSystem fs) throws IOException {
      this.fs = fs;
      this.spool = java.nio.file.Files.createTempFile("sbz-spool-", ".tmp");
    }

    @Override
    public OutputStream output() throws IOException {
      return java.nio.file.Files.newOutputStream(spool);
    }

    @Override
    public void commit(String location, boolean replace) throws IOException {
      Path target = new Path(location);
      if (!replace && fs.exists(target)) {
        return;
      }
      // an S3 object appears only when its upload completes, so the final key is written directly
      try (FSDataOutputStream out = fs.create(target, true)) {
        java.nio.file.Files.copy(spool, out);
      }
    }

    @Override
    public void close() throws IOException {
      java.nio.file.Files.deleteIfExists(spool);
    }
  }

  private static void commit(FileSystem fs, Path tmp, Path target, boolean replace)
      throws IOException {
    fs.mkdirs(target.getParent());
    if (fs.exists(target)) {
      if (!replace) {
        return;
      }
      fs.delete(target, false);
    }
    if (!fs.rename(tmp, target) && !fs.exists(target)) {
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
  }

  private static Path temporarySibling(Path target) {
    return new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
  }

  private static boolean isObjectStore(FileSystem fs) {
    String scheme = fs.getScheme();
    return "s3a".equals(scheme) || "s3".equals(scheme) || "gs".equals(scheme);
  }

  /** A content-addressed location: {@code dir/ab/abcdef...}, spreading files over 256 folders. */
  public static String contentAddressed(String dir, String hexDigest, String suffix) {
    return dir + "/" + hexDigest.substring(0, 2) + "/" + hexDigest + suffix;
  }
}
