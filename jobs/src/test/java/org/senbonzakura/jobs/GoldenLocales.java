/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.senbonzakura.jobs.mar.MarContents;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.mar.ProductInfo;
import org.senbonzakura.update.Applier;
import org.senbonzakura.update.CompleteBuilder;
import org.senbonzakura.update.DirectorySource;
import org.senbonzakura.update.EntryCompression;
import org.senbonzakura.update.PartialPlanner;
import org.senbonzakura.update.PlanOptions;
import org.senbonzakura.update.Progress;
import org.senbonzakura.update.TargetArch;
import org.senbonzakura.update.UpdateFormat;
import org.senbonzakura.update.UpdateTools;

/**
 * The "locales" workload the pipeline tests share: copies of the golden {@code partial-small} pair
 * with files of their own, packed as complete MARs, rows of a requests CSV naming them, and the
 * check that a partial the job wrote turns its FROM tree into its TO tree. One place, so the unit
 * pipeline test, the fixture behind the notebook and report tests, and the scale-out tests build
 * and check the same thing the same way.
 */
public final class GoldenLocales {
  /** The header of a requests CSV. */
  public static final String REQUESTS_HEADER =
      "product,platform,locale,from_version,to_version,from_url,to_url,from_sha512,to_sha512,"
          + "channel,format,forced_files\n";

  private GoldenLocales() {}

  /** The golden pair's directory (complete MARs, partial, manifests, and its from/to trees). */
  public static Path golden() {
    return Path.of(TestSpark.shared(), "golden/partial-small");
  }

  /**
   * Copies the golden tree of {@code side} ("from" or "to") to {@code tree} and adds {@code
   * localized/<locale>.properties} of {@code lines} lines; on the TO side every seventh line
   * changes, so each locale has one changed pair of its own.
   */
  public static void localeTree(Path tree, String side, String locale, int lines)
      throws IOException {
    copyTree(golden().resolve(side), tree);
    Files.createDirectories(tree.resolve("localized"));
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      text.append(locale)
          .append(" string ")
          .append(i)
          .append(side.equals("to") && i % 7 == 0 ? " v2" : "")
          .append('\n');
    }
    Files.writeString(tree.resolve("localized/" + locale + ".properties"), text.toString());
  }

  /** Packs {@code tree} as the complete MAR {@code mar} of version {@code version} (xz, x86_64). */
  public static void completeMar(Path tree, String version, Path mar) throws IOException {
    Files.createDirectories(mar.getParent());
    try {
      new CompleteBuilder(UpdateTools.codec(), UpdateTools.marIo())
          .build(
              DirectorySource.scan(tree),
              new ProductInfo("sbz-test", version),
              mar,
              UpdateFormat.CURRENT,
              EntryCompression.of(UpdateFormat.CURRENT, TargetArch.X86_64),
              false,
              false,
              1,
              Progress.NONE);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot build " + mar + ": " + e, e);
    }
  }

  /** One requests CSV row (product firefox, 1.0 to 2.0, channel release), with its newline. */
  public static String requestRow(
      String platform, String locale, Path from, Path to, String fromSha512, String format)
      throws IOException {
    return String.join(
            ",",
            "firefox",
            platform,
            locale,
            "1.0",
            "2.0",
            from.toUri().toString(),
            to.toUri().toString(),
            fromSha512,
            sha512(to),
            "release",
            format,
            "")
        + "\n";
  }

  /** A MAR whose index offset lies far beyond the end of the file: it must fail on its own. */
  public static void hostileMar(Path mar) throws IOException {
    byte[] h = new byte[64];
    System.arraycopy("MAR1".getBytes(StandardCharsets.US_ASCII), 0, h, 0, 4);
    h[7] = (byte) 0xF0;
    Files.createDirectories(mar.getParent());
    Files.write(mar, h);
  }

  public static String sha512(Path p) throws IOException {
    return Digests.hex(Digests.sha512().digest(Files.readAllBytes(p)));
  }

  /** Copies a directory tree with its files' attributes (modes), replacing existing files. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /**
   * Distinct changed (old, new) content pairs of these (FROM, TO) trees, counted from the trees on
   * disk with the planner's candidates, independently of the job: what dedup must come down to.
   */
  public static int distinctChangedPairs(Iterable<Path[]> fromToTrees) throws IOException {
    Set<String> pairs = new HashSet<>();
    for (Path[] t : fromToTrees) {
      DirectorySource from = DirectorySource.scan(t[0]);
      DirectorySource to = DirectorySource.scan(t[1]);
      for (String p :
          PartialPlanner.patchCandidates(from.listing(), to.listing(), PlanOptions.defaults())) {
        pairs.add(Digests.sha256Hex(from.read(p)) + "/" + Digests.sha256Hex(to.read(p)));
      }
    }
    return pairs.size();
  }

  /**
   * Applies {@code partial} with the updater's rules to {@code install}, a fresh copy of {@code
   * fromTree}, and asserts that the result is {@code toTree}.
   */
  public static void assertApplies(
      Path partial, Path fromTree, Path toTree, Path install, String label) throws IOException {
    copyTree(fromTree, install);
    try (MarContents contents = new MarContents(partial, 1L << 30)) {
      new Applier(UpdateTools.patcher()).applyTo(install, contents);
    } catch (Exception e) {
      throw new AssertionError(label + ": applying " + partial + " failed: " + e, e);
    }
    assertSameTree(toTree, install, label);
  }

  /**
   * Asserts that {@code got} holds the same files with the same bytes as {@code want}, except the
   * content of {@code update-settings.ini}: the partial adds it with {@code add-if-not}, and the
   * updater keeps an existing copy on purpose.
   */
  public static void assertSameTree(Path want, Path got, String label) throws IOException {
    List<String> files = files(want);
    assertEquals(files, files(got), label + ": file list after applying");
    for (String p : files) {
      if (p.endsWith("update-settings.ini")) {
        continue;
      }
      assertArrayEquals(
          Files.readAllBytes(want.resolve(p)), Files.readAllBytes(got.resolve(p)), label + " " + p);
    }
  }

  private static List<String> files(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isRegularFile).forEach(p -> out.add(root.relativize(p).toString()));
    }
    out.sort(null);
    return out;
  }
}
