/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.cli.Sbz;
import org.senbonzakura.mar.ProductInfo;

/**
 * {@code sbz partial} on two complete MARs opens them {@linkplain MarSource#pair together} and
 * never decodes nor hashes the entries stored alike in both (issue #16). Whatever it skips, the
 * partial must be the one made from the unpacked trees, byte for byte, on generated cases that mix
 * unchanged, patched, added, removed, mode-only, {@code add-if-not} and forced files (the trees of
 * {@link MozillaDifferentialTest}, whose directory partials equal Mozilla's), with an unchanged
 * file forced with {@code -f} in some of them. {@code sbz partial} verifies each partial too.
 */
class PartialFromMarsTest {
  private static final ProductInfo PIB = new ProductInfo("sbz-from-mars", "153.0");
  private static final TargetArch ARCH = TargetArch.X86_64;
  private static final int CASES = 24;

  @TempDir Path tmp;

  @Test
  void aPartialFromCompleteMarsEqualsThePartialFromTheirTrees() throws IOException {
    MarIo io = UpdateTools.marIo();
    EntryCodec codec = UpdateTools.codec();
    List<String> failures = new ArrayList<>();
    int forcedUnchanged = 0;
    int twinsSkipped = 0;
    for (long seed = 1; seed <= CASES; seed++) {
      Path dir = Files.createDirectory(tmp.resolve("case-" + seed));
      RandomUpdateTrees.Case c = RandomUpdateTrees.generate(seed, dir);
      pruneEmptyDirectories(c.oldTree()); // a MAR holds files only: the trees must say the same
      pruneEmptyDirectories(c.newTree());
      Path oldMar = complete(c.oldTree(), dir.resolve("old.mar"));
      Path newMar = complete(c.newTree(), dir.resolve("new.mar"));

      List<String> forced = new ArrayList<>();
      String unchanged = anUnchangedFile(c, new Random(seed));
      if (unchanged != null && seed % 2 == 0) {
        forced.add("-f");
        forced.add(unchanged);
        forcedUnchanged++;
      }
      Path fromMars = dir.resolve("from-mars.mar");
      Path fromTrees = dir.resolve("from-trees.mar");
      sbz(oldMar, newMar, fromMars, forced);
      List<String> trees = new ArrayList<>(forced);
      trees.addAll(List.of("-H", PIB.channel(), "-V", PIB.version()));
      sbz(c.oldTree(), c.newTree(), fromTrees, trees);
      String d =
          MozillaDifferentialTest.MarDifference.first(
              fromTrees, fromMars, io, codec, UpdateTools.usesXzUtils());
      if (d != null) {
        failures.add("seed " + seed + " " + c.story() + ": " + d);
      }
      MarSource.Pair pair = MarSource.pair(io.index(oldMar), io.index(newMar), codec, p -> false);
      twinsSkipped += pair.to().reusedEntries();
    }
    assertTrue(twinsSkipped > 0, "the cases have entries stored alike in both MARs");
    assertTrue(forcedUnchanged > 0, "some case forces an unchanged file");
    assertEquals(List.of(), failures);
  }

  private static String anUnchangedFile(RandomUpdateTrees.Case c, Random rnd) throws IOException {
    List<String> same = new ArrayList<>();
    TreeListing old = DirectorySource.scan(c.oldTree()).listing();
    TreeListing neu = DirectorySource.scan(c.newTree()).listing();
    for (FileInfo f : old.files()) {
      FileInfo n = neu.byPath().get(f.path());
      if (n != null && n.equals(f) && !ManifestRules.isAddIfNot(f.path())) {
        same.add(f.path());
      }
    }
    return same.isEmpty() ? null : same.get(rnd.nextInt(same.size()));
  }

  private static void pruneEmptyDirectories(Path root) throws IOException {
    List<Path> dirs;
    try (Stream<Path> s = Files.walk(root)) {
      dirs = s.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
    }
    for (Path d : dirs) {
      try (Stream<Path> children = Files.list(d)) {
        if (!d.equals(root) && children.findAny().isEmpty()) {
          Files.delete(d);
        }
      }
    }
  }

  private static Path complete(Path tree, Path out) throws IOException {
    new CompleteBuilder(UpdateTools.codec(), UpdateTools.marIo())
        .build(
            DirectorySource.scan(tree),
            PIB,
            out,
            UpdateFormat.CURRENT,
            EntryCompression.of(UpdateFormat.CURRENT, ARCH),
            false,
            false,
            1,
            Progress.NONE);
    return out;
  }

  private static void sbz(Path from, Path to, Path out, List<String> extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "partial",
                from.toString(),
                to.toString(),
                "-o",
                out.toString(),
                "--exact",
                "--arch",
                ARCH.mozillaName()));
    args.addAll(extra);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        Sbz.run(
            args,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, rc, () -> "sbz " + String.join(" ", args) + ": " + err);
  }
}
