/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.storage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.TestSpark;

/**
 * The process-free {@code file:} scheme: it forks nothing where Hadoop's forks {@code chmod} and
 * {@code readlink}, and leaves the same files, modes and statuses as Hadoop's own classes.
 * Processes are counted from the JDK's own {@code jdk.ProcessStart} events, and each count is
 * checked to see Hadoop's forks first, so a test that saw none could not pass by seeing nothing.
 */
class NioLocalFileSystemTest {
  @TempDir java.nio.file.Path dir;

  /** Hadoop's classes and ours, each fresh (not from FileSystem's cache). */
  private static FileSystem hadoops(Configuration conf) throws IOException {
    FileSystem fs = new LocalFileSystem(new RawLocalFileSystem());
    fs.initialize(URI.create("file:///"), conf);
    return fs;
  }

  private static FileSystem ours(Configuration conf) throws IOException {
    FileSystem fs = new NioLocalFileSystem();
    fs.initialize(URI.create("file:///"), conf);
    return fs;
  }

  @Test
  void writingFilesAndDirectoriesForksNoProcessWhereHadoopForksChmod() throws Exception {
    Configuration conf = new Configuration(false);
    List<String> hadoop = forkedWhile(() -> writeTree(hadoops(conf), dir.resolve("hadoop")));
    assertFalse(hadoop.isEmpty(), "Hadoop's local file system forked nothing: nothing to compare");
    assertTrue(hadoop.stream().allMatch(c -> c.startsWith("chmod ")), hadoop.toString());

    // only the one mode with a special bit (beyond java.nio) goes to Hadoop's chmod
    List<String> nio = forkedWhile(() -> writeTree(ours(conf), dir.resolve("nio")));
    assertEquals(List.of("chmod 1750 " + dir.resolve("nio/a/t")), nio);
  }

  @Test
  void leavesTheSameModesAsHadoop() throws Exception {
    Configuration conf = new Configuration(false);
    writeTree(hadoops(conf), dir.resolve("hadoop"));
    writeTree(ours(conf), dir.resolve("nio"));
    for (String name : List.of("a", "a/b", "a/b/c", "a/b/f", "a/g", "a/s", "a/t")) {
      assertEquals(
          mode(dir.resolve("hadoop").resolve(name)), mode(dir.resolve("nio").resolve(name)), name);
    }
    // the special bits went to Hadoop's chmod, and took
    assertEquals(01750, mode(dir.resolve("nio/a/t")) & 07777);
    assertEquals(0640, mode(dir.resolve("nio/a/g")) & 07777);
  }

  @Test
  void linkStatusIsHadoopsForFilesLinksAndMissingPaths() throws Exception {
    Configuration conf = new Configuration(false);
    java.nio.file.Path file = Files.writeString(dir.resolve("f"), "12345");
    java.nio.file.Path sub = Files.createDirectory(dir.resolve("d"));
    java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("l"), file);
    FileSystem hadoop = hadoops(conf);
    FileSystem nio = ours(conf);
    for (java.nio.file.Path p : List.of(file, sub, link)) {
      FileStatus h = hadoop.getFileLinkStatus(new Path(p.toUri()));
      FileStatus n = nio.getFileLinkStatus(new Path(p.toUri()));
      assertEquals(h.getPath(), n.getPath(), p.toString());
      assertEquals(h.isFile(), n.isFile(), p.toString());
      assertEquals(h.isDirectory(), n.isDirectory(), p.toString());
      assertEquals(h.isSymlink(), n.isSymlink(), p.toString());
      assertEquals(h.getLen(), n.getLen(), p.toString());
      if (h.isSymlink()) {
        assertEquals(h.getSymlink(), n.getSymlink());
      }
    }
    Path plain = new Path(file.toUri());
    List<String> hadoopForks = forkedWhile(() -> hadoop.getFileLinkStatus(plain));
    assertTrue(
        hadoopForks.stream().anyMatch(c -> c.startsWith("readlink ")), hadoopForks.toString());
    assertEquals(List.of(), forkedWhile(() -> nio.getFileLinkStatus(plain)));

    Path missing = new Path(dir.resolve("missing").toUri());
    assertThrows(FileNotFoundException.class, () -> hadoop.getFileLinkStatus(missing));
    assertThrows(FileNotFoundException.class, () -> nio.getFileLinkStatus(missing));
    assertThrows(
        FileNotFoundException.class,
        () -> nio.setPermission(missing, new FsPermission((short) 0644)));
  }

  /** Spark writes Delta's checksums by FileContext: create a temporary file, rename it over. */
  @Test
  void fileContextRenamesWithoutReadlink() throws Exception {
    Configuration hadoopConf = new Configuration();
    Configuration ourConf = new Configuration();
    ourConf.set("fs.AbstractFileSystem.file.impl", NioLocalFs.class.getName());

    List<String> hadoop =
        forkedWhile(
            () ->
                createAndRenameOver(
                    FileContext.getFileContext(FsConstants.LOCAL_FS_URI, hadoopConf), "hadoop"));
    assertTrue(hadoop.stream().anyMatch(c -> c.startsWith("readlink ")), hadoop.toString());

    List<String> nio =
        forkedWhile(
            () ->
                createAndRenameOver(
                    FileContext.getFileContext(FsConstants.LOCAL_FS_URI, ourConf), "nio"));
    assertEquals(List.of(), nio);
    assertEquals("second", Files.readString(dir.resolve("nio/target")));
    assertEquals(
        Files.readString(dir.resolve("hadoop/target")),
        Files.readString(dir.resolve("nio/target")));
  }

  /** The job's sessions use it, on the driver and in the executors' tasks. */
  @Test
  void theSessionsFileSchemeIsOurs() throws Exception {
    var spark = TestSpark.session();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    assertInstanceOf(NioLocalFileSystem.class, new Path(dir.toUri()).getFileSystem(conf));
    String target = dir.resolve("from-a-task").toUri().toString();
    List<String> classes =
        spark
            .range(1)
            .map(
                (org.apache.spark.api.java.function.MapFunction<Long, String>)
                    i ->
                        new Path(target)
                            .getFileSystem(org.apache.spark.deploy.SparkHadoopUtil.get().conf())
                            .getClass()
                            .getName(),
                org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertEquals(List.of(NioLocalFileSystem.class.getName()), classes);
  }

  /** Directories and files with the modes Hadoop's callers give, including special bits. */
  private static void writeTree(FileSystem fs, java.nio.file.Path root) throws IOException {
    Path r = new Path(root.toUri());
    assertTrue(fs.mkdirs(new Path(r, "a/b/c")));
    try (OutputStream out = fs.create(new Path(r, "a/b/f"), true)) {
      out.write("file".getBytes(StandardCharsets.UTF_8));
    }
    try (OutputStream out =
        fs.create(
            new Path(r, "a/g"),
            new FsPermission((short) 0640),
            EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE),
            4096,
            (short) 1,
            1 << 20,
            null)) {
      out.write(1);
    }
    assertTrue(fs.mkdirs(new Path(r, "a/s"), new FsPermission((short) 0700)));
    assertTrue(fs.mkdirs(new Path(r, "a/t")));
    fs.setPermission(new Path(r, "a/t"), new FsPermission((short) 01750));
  }

  /** Writes {@code target}, then a temporary file that a rename puts in its place. */
  private void createAndRenameOver(FileContext fc, String name) throws IOException {
    Path d = new Path(dir.resolve(name).toUri());
    fc.mkdir(d, FsPermission.getDirDefault(), true);
    Path target = new Path(d, "target");
    Path temp = new Path(d, ".target.tmp");
    write(fc, target, "first");
    write(fc, temp, "second");
    fc.rename(temp, target, Options.Rename.OVERWRITE);
  }

  private static void write(FileContext fc, Path p, String text) throws IOException {
    try (OutputStream out = fc.create(p, EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static int mode(java.nio.file.Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
  }

  /** An action that may fail: the body of {@link #forkedWhile}. */
  private interface Action {
    void run() throws Exception;
  }

  /** The command lines of the processes this JVM started while {@code action} ran. */
  private static List<String> forkedWhile(Action action) throws Exception {
    java.nio.file.Path jfr = Files.createTempFile("sbz-processes-", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ProcessStart");
      recording.start();
      action.run();
      recording.stop();
      recording.dump(jfr);
      List<String> commands = new ArrayList<>();
      for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
        commands.add(e.getString("command"));
      }
      return commands;
    } finally {
      Files.deleteIfExists(jfr);
    }
  }
}
