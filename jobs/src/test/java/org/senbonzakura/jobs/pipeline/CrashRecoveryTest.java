/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.senbonzakura.jobs.ChildJvm;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.mar.MarReader;

/**
 * Kills the driver JVM in the middle of the assemble stage (a subprocess halted right after it
 * published its first partial, so before any results MERGE), then runs again: everything completes,
 * no diff is recomputed, the partials published before the crash are reused as they are (status
 * {@code reused}, same bytes, not rewritten), and every file ever at a final partial path is a
 * complete MAR that turns FROM into TO.
 */
class CrashRecoveryTest {
  @Test
  void aKilledRunIsFinishedByTheNextWithoutRedoingDiffs() throws Exception {
    Path work = Files.createTempDirectory("sbz-crash-");
    Path root = work.resolve("root");
    String g = Path.of(TestSpark.shared(), "golden/partial-small").toString();
    Path req = work.resolve("requests.csv");
    int status =
        org.senbonzakura.jobs.cli.JobsCli.run(
            List.of(
                "requests",
                "--from",
                g + "/a.complete.mar",
                "--to",
                g + "/b.complete.mar",
                "--locales",
                "de,fr,ja",
                "--out",
                req.toString()),
            System.out,
            System.err);
    assertEquals(0, status);

    Process p =
        ChildJvm.start(
            ChildJvm.jobsCli(
                List.of("-Dsbz.debug.halt-at=assemble:1", "-Dsbz.parallelism=3"),
                List.of(
                    "run",
                    "--requests",
                    req.toString(),
                    "--storage-root",
                    root.toString(),
                    "--allow-url-prefix",
                    Path.of(TestSpark.shared()).toUri().toString())),
            work.resolve("crashed-run.log"));
    assertTrue(p.waitFor(45, TimeUnit.MINUTES), "the crashing run did not end");
    assertEquals(137, p.exitValue(), Files.readString(work.resolve("crashed-run.log")));
    List<Path> afterCrash = finalPartials(root);
    assertTrue(afterCrash.size() >= 1, "the first partial was published before the halt");
    Map<Path, String> published = new HashMap<>();
    Map<Path, FileTime> stamps = new HashMap<>();
    for (Path partial : afterCrash) {
      try (MarReader r = MarReader.open(partial)) {
        assertTrue(r.entries().size() > 1, partial.toString());
      }
      published.put(partial, sha512(partial));
      stamps.put(partial, Files.getLastModifiedTime(partial));
    }

    JobConfig config = TestSpark.config(root, java.util.Map.of());
    RunStats s = new Pipeline(TestSpark.session(), config).run(req.toString(), "auto");
    assertEquals(3, s.done + s.reused);
    assertEquals(0, s.failed);
    assertEquals(
        afterCrash.size(),
        s.reused,
        "the partials published before the crash are reused, not assembled again");
    assertEquals(0, s.diffsComputed, "the crashed run had cached every diff");
    assertNotEquals(0, s.cacheHits);
    for (Row r :
        TestSpark.session().read().format("delta").load(config.resultsTable).collectAsList()) {
      Path partial = Path.of(URI.create((String) r.getAs("partial_path"))).toAbsolutePath();
      try (MarReader m = MarReader.open(partial)) {
        assertEquals(Files.size(partial), r.<Long>getAs("partial_size"));
        assertTrue(m.entries().size() > 1);
      }
      assertEquals(sha512(partial), r.getAs("partial_sha512"));
      if (published.containsKey(partial)) {
        assertEquals("reused", r.getAs("status"));
        assertEquals(published.get(partial), r.getAs("partial_sha512"));
        assertEquals(stamps.get(partial), Files.getLastModifiedTime(partial), "not rewritten");
        assertTrue(r.<Integer>getAs("patched_files") > 0);
      } else {
        assertEquals("done", r.getAs("status"));
      }
      GoldenPair.assertTurnsFromIntoTo(partial, work.resolve("apply-" + r.getAs("locale")));
    }
  }

  private static String sha512(Path p) throws java.io.IOException {
    return Digests.hex(Digests.sha512().digest(Files.readAllBytes(p)));
  }

  private static List<Path> finalPartials(Path root) throws Exception {
    Path dir = root.resolve("partials");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .map(Path::toAbsolutePath)
          .toList();
    }
  }
}
