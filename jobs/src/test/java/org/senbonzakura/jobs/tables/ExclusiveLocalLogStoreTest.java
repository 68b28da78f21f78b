/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.delta.storage.CloseableIterator;
import io.delta.storage.LogStore;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.TestSpark;

class ExclusiveLocalLogStoreTest {
  private static final Configuration CONF = new Configuration();
  @TempDir java.nio.file.Path dir;

  @Test
  void commitsAVersionOnceAndRefusesItAgain() throws IOException {
    LogStore store = new ExclusiveLocalLogStore(CONF);
    Path version = commitPath(0);
    store.write(version, List.of("{\"a\":1}", "{\"b\":2}").iterator(), false, CONF);

    assertThrows(
        FileAlreadyExistsException.class,
        () -> store.write(version, List.of("{\"c\":3}").iterator(), false, CONF));
    assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), read(store, version));
    assertEquals(List.of("00000000000000000000.json"), logFiles(), "no temporary file is left");
  }

  @Test
  void overwriteReplacesTheFileAndDropsAStaleHadoopChecksum() throws IOException {
    LogStore store = new ExclusiveLocalLogStore(CONF);
    Path last = new Path(dir.resolve("_delta_log/_last_checkpoint").toUri());
    store.write(last, List.of("{\"version\":10}").iterator(), false, CONF);
    Files.writeString(dir.resolve("_delta_log/._last_checkpoint.crc"), "stale");

    store.write(last, List.of("{\"version\":20}").iterator(), true, CONF);

    assertEquals(List.of("{\"version\":20}"), read(store, last));
    assertEquals(List.of("_last_checkpoint"), logFiles());
    assertFalse(store.isPartialWriteVisible(last, CONF));
  }

  /**
   * Writers that share no lock (each its own store, as two JVMs would) commit the same version at
   * the same instant, round after round. Exactly one must win each round, and the file must hold
   * the winner's lines whole. A store that checks for the file and then renames over it lets two
   * writers both "win" and one commit replace the other.
   */
  @Test
  void racingWritersWithoutASharedLockCommitEachVersionOnce() throws Exception {
    int writers = 4;
    int rounds = 200;
    Files.createDirectories(dir.resolve("_delta_log")); // as Delta has made it before a commit
    CyclicBarrier start = new CyclicBarrier(writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int round = 0; round < rounds; round++) {
        Path version = commitPath(round);
        List<Future<Boolean>> won = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          List<String> lines = linesOf(w, round);
          won.add(
              pool.submit(
                  () -> {
                    LogStore own = new ExclusiveLocalLogStore(new Configuration());
                    start.await();
                    try {
                      own.write(version, lines.iterator(), false, CONF);
                      return true;
                    } catch (FileAlreadyExistsException e) {
                      return false;
                    }
                  }));
        }
        List<Integer> winners = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          if (won.get(w).get()) {
            winners.add(w);
          }
        }
        assertEquals(1, winners.size(), "round " + round + " winners " + winners);
        assertEquals(
            linesOf(winners.get(0), round), read(new ExclusiveLocalLogStore(CONF), version));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        rounds, logFiles().size(), "one file per version, no temporary file: " + logFiles());
  }

  /**
   * The production session commits local Delta tables through this store. Delta's own store for
   * {@code file:} (HDFSLogStore) says a partial write may be visible; this one says never, which is
   * how the test tells them apart through Delta's public store interface.
   */
  @Test
  void theRunsSessionCommitsLocalTablesThroughIt() throws Exception {
    SparkSession spark = TestSpark.session();
    String table = dir.resolve("t").toUri().toString();
    spark.range(3).write().format("delta").save(table);

    DeltaLog log = DeltaLog.forTable(spark, table);
    Path commit = new Path(log.logPath(), "00000000000000000000.json");
    assertFalse(
        log.store().isPartialWriteVisible(commit, spark.sessionState().newHadoopConf()),
        "Delta's store for " + table + " is " + log.store());
    assertEquals(3, spark.read().format("delta").load(table).count());
  }

  private static List<String> linesOf(int writer, int round) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      lines.add("{\"writer\":" + writer + ",\"round\":" + round + ",\"line\":" + i + "}");
    }
    return lines;
  }

  private Path commitPath(long version) {
    return new Path(dir.resolve(String.format("_delta_log/%020d.json", version)).toUri());
  }

  private static List<String> read(LogStore store, Path path) throws IOException {
    List<String> lines = new ArrayList<>();
    try (CloseableIterator<String> it = store.read(path, CONF)) {
      it.forEachRemaining(lines::add);
    }
    return lines;
  }

  private List<String> logFiles() throws IOException {
    try (Stream<java.nio.file.Path> files = Files.list(dir.resolve("_delta_log"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
