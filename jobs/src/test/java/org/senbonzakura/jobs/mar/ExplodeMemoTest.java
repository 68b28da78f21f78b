/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.mar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.ChildJvm;
import org.senbonzakura.jobs.GoldenLocales;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.mar.MarEntry;
import org.senbonzakura.mar.MarReader;

/**
 * Explode never decodes the same stored entry twice on one storage root: a first run (this JVM's
 * SparkSession) explodes one locale's complete MAR; a second run, in another JVM with a
 * SparkSession of its own, explodes that MAR again and a sibling locale's MAR that shares all but
 * its own file. Counted by the {@link ExplodeStats} each explode returns. The golden trees' entries
 * are small (a few KB), below {@code sbz.memo.persist-from}, so this also holds for entries too
 * small to have been remembered anywhere but in the first JVM before.
 */
class ExplodeMemoTest {

  @Test
  void aSecondRunDecodesOnlyTheEntriesItHasNeverSeen(@TempDir Path work) throws Exception {
    Path root = work.resolve("store");
    Path de = localeMar(work, "de");
    Path fr = localeMar(work, "fr");
    Set<String> deStored = new HashSet<>(storedDigests(de));
    List<String> frStored = storedDigests(fr);
    Set<String> frNew = new HashSet<>(frStored);
    frNew.removeAll(deStored);
    assertTrue(
        !frNew.isEmpty() && frNew.size() < frStored.size(),
        "the two locales share some stored entries and not all: " + frNew.size());

    JobConfig config = TestSpark.config(root, Map.of());
    ExplodeStats first = ExplodeRun.explode(TestSpark.session(), config, List.of(de)).get("de.mar");
    assertEquals(deStored.size(), first.decoded(), "an empty root decodes each distinct entry");
    assertEquals(storedDigests(de).size(), first.entries());

    Map<String, ExplodeStats> second = secondRun(work, root, de, fr);
    ExplodeStats deAgain = second.get("de.mar");
    assertEquals(0, deAgain.decoded(), "a known MAR decodes nothing: " + deAgain);
    assertEquals(first.entries(), deAgain.known());
    assertEquals(0, deAgain.decodedBytes());
    ExplodeStats frStats = second.get("fr.mar");
    assertEquals(frNew.size(), frStats.decoded(), "only the sibling's own entries: " + frStats);
    assertEquals(frStored.size() - frNew.size(), frStats.known());
  }

  private static Path localeMar(Path work, String locale) throws IOException {
    Path tree = work.resolve("tree-" + locale);
    GoldenLocales.localeTree(tree, "to", locale, 200);
    Path mar = work.resolve(locale + ".mar");
    GoldenLocales.completeMar(tree, "2.0", mar);
    return mar;
  }

  /** The SHA-256 of each file entry's stored bytes (manifests are not files of the tree). */
  private static List<String> storedDigests(Path mar) throws IOException {
    List<String> out = new ArrayList<>();
    try (MarReader r = MarReader.open(mar)) {
      for (MarEntry e : r.entries()) {
        if (e.name().matches("update(v[23])?\\.manifest")) {
          continue;
        }
        MessageDigest md = Digests.sha256();
        try (InputStream in = r.openRaw(e)) {
          md.update(in.readAllBytes());
        }
        out.add(Digests.hex(md.digest()));
      }
    }
    return out;
  }

  /** {@link ExplodeRun#main} in a JVM of its own; its stats by MAR file name. */
  private static Map<String, ExplodeStats> secondRun(Path work, Path root, Path... mars)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(root.toString()));
    for (Path m : mars) {
      args.add(m.toString());
    }
    Path log = work.resolve("second-run.log");
    Process p =
        ChildJvm.start(
            ChildJvm.command(
                "1g",
                List.of("-Dsbz.shared=" + TestSpark.shared()),
                ExplodeRun.class.getName(),
                args),
            log);
    assertTrue(p.waitFor(45, TimeUnit.MINUTES), "the second run did not end");
    String out = Files.readString(log);
    assertEquals(0, p.exitValue(), out);
    Map<String, ExplodeStats> stats = new HashMap<>();
    for (String line : out.split("\n")) {
      if (line.startsWith(ExplodeRun.PREFIX)) {
        ExplodeRun.put(stats, line.substring(ExplodeRun.PREFIX.length()));
      }
    }
    assertEquals(mars.length, stats.size(), out);
    return stats;
  }
}
