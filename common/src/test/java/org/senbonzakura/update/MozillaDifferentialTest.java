/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.mar.ProductInfo;

/**
 * Differential tests against Mozilla's own tools ({@code ../shared/oracle}, issue #16). For each
 * random pair of small installation trees ({@link RandomUpdateTrees}, one seed each):
 *
 * <ol>
 *   <li>the partial from Mozilla's {@code run-partial.sh} and from {@link PartialBuilder} in exact
 *       mode are byte-identical (with XZ Utils; without it the MARs' decoded entries must match);
 *       otherwise the failure names the first differing entry;
 *   <li>the complete MAR of the new tree from {@code make_full_update.sh} and from {@link
 *       CompleteBuilder} are byte-identical (same condition);
 *   <li>the fast-mode partial, applied to a copy of the old tree by sbz's {@link Applier} with
 *       Mozilla's {@code bspatch} doing every patch entry, gives the new tree's files (an {@code
 *       add-if-not} file that the old tree has keeps its old content, and a distribution extension
 *       the old tree lacks is not installed, as in the updater).
 * </ol>
 *
 * <p>{@code -Dsbz.differential.cases=N} (default 200) and {@code -Dsbz.differential.seed=S}
 * (default 16; case i uses seed S+i) set the run; a longer soak is just more cases, e.g. {@code
 * -Dsbz.differential.cases=5000 -Dsbz.differential.seed=$RANDOM}. A failure prints each failing
 * seed; {@code -Dsbz.differential.seed=SEED -Dsbz.differential.cases=1} replays one case. Cases run
 * on {@code sbz.differential.threads} threads (default: the cores), each spawning Mozilla's tools.
 * In CI ({@code CI=true}) a missing oracle or missing XZ Utils fails the test instead of skipping.
 */
class MozillaDifferentialTest {
  private static final String CHANNEL = "sbz-differential";
  private static final String VERSION = "153.0";
  private static final EntryCompression X86 =
      EntryCompression.of(UpdateFormat.CURRENT, TargetArch.X86_64);

  @TempDir Path tmp;

  @Test
  void sbzMakesMozillasPartialsAndCompletesOnRandomTrees() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    MozillaTools moz = MozillaTools.find();
    if (ci) {
      assertTrue(moz != null, "CI needs Mozilla's tools in ../shared/oracle");
      assertTrue(UpdateTools.usesXzUtils(), "CI needs XZ Utils (xz) for byte identity");
    }
    assumeTrue(moz != null, "skipped: no ../shared/oracle (Mozilla's tools)");
    int cases = Integer.getInteger("sbz.differential.cases", 200);
    long seed = Long.getLong("sbz.differential.seed", 16L);
    int threads =
        Integer.getInteger("sbz.differential.threads", Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < cases; i++) {
        long s = seed + i;
        futures.add(
            pool.submit(
                () -> {
                  String problem = runCase(moz, s);
                  if (problem != null) {
                    failures.add(problem);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    if (!failures.isEmpty()) {
      failures.sort(Comparator.naturalOrder());
      fail(
          failures.size()
              + " of "
              + cases
              + " cases disagree with Mozilla's tools (replay one with -Dsbz.differential.seed=SEED"
              + " -Dsbz.differential.cases=1):\n"
              + String.join("\n", failures.subList(0, Math.min(5, failures.size()))));
    }
  }

  /** One case; null if sbz agrees with Mozilla's tools, else what differs. */
  private String runCase(MozillaTools moz, long seed) throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("case-" + seed));
    RandomUpdateTrees.Case c = RandomUpdateTrees.generate(seed, dir);
    String label = "seed " + seed + " " + c.story();
    try {
      String problem = compare(moz, c, dir);
      return problem == null ? null : label + ":\n    " + problem;
    } catch (Exception e) {
      return label + ":\n    " + e;
    } finally {
      deleteTree(dir);
    }
  }

  private String compare(MozillaTools moz, RandomUpdateTrees.Case c, Path dir) throws Exception {
    ProductInfo pib = new ProductInfo(CHANNEL, VERSION);
    MarIo marIo = UpdateTools.marIo();
    EntryCodec codec = UpdateTools.codec();

    // 1. exact partial: byte for byte
    Path mozPartial = Files.createDirectory(dir.resolve("moz")).resolve("partial.mar");
    moz.partial(c.oldTree(), c.newTree(), mozPartial, CHANNEL, VERSION, dir);
    Path ours = dir.resolve("exact.mar");
    build(MbdiffFileDiffer.exact(), false, c, ours, pib);
    String d = MarDifference.first(mozPartial, ours, marIo, codec, UpdateTools.usesXzUtils());
    if (d != null) {
      return "exact partial differs from run-partial.sh's: " + d;
    }

    // 2. complete MAR of the new tree
    Path mozComplete = dir.resolve("moz/complete.mar");
    moz.complete(c.newTree(), mozComplete, CHANNEL, VERSION);
    Path ourComplete = dir.resolve("complete.mar");
    new CompleteBuilder(codec, marIo)
        .build(
            DirectorySource.scan(c.newTree()),
            pib,
            ourComplete,
            UpdateFormat.CURRENT,
            X86,
            false,
            false,
            1,
            Progress.NONE);
    d = MarDifference.first(mozComplete, ourComplete, marIo, codec, UpdateTools.usesXzUtils());
    if (d != null) {
      return "complete MAR differs from make_full_update.sh's: " + d;
    }

    // 3. fast partial, applied with the updater's bspatch
    Path fast = dir.resolve("fast.mar");
    build(MbdiffFileDiffer.fast(), true, c, fast, pib);
    Path installed = dir.resolve("installed");
    copyTree(c.oldTree(), installed);
    new Applier(
            (source, patch) -> {
              try {
                return moz.bspatch(source, patch, dir);
              } catch (IOException e) {
                throw new PatchException(
                    "Mozilla's bspatch refused the patch: " + e.getMessage(), e);
              }
            })
        .applyTo(installed, new MarUpdateContents(marIo.read(fast), codec));
    Map<String, String> expected = TreeCompare.hashes(c.newTree());
    Map<String, String> old = TreeCompare.hashes(c.oldTree());
    for (String p : List.copyOf(expected.keySet())) {
      if (ManifestRules.isAddIfNot(p) && old.containsKey(p)) {
        expected.put(p, old.get(p)); // add-if-not leaves an existing file alone
      }
      String ext = ManifestRules.extensionTestDir(p).orElse(null);
      if (ext != null && !Files.isDirectory(c.oldTree().resolve(ext))) {
        expected.remove(p); // add-if: an extension the old installation lacks stays absent
      }
    }
    Map<String, String> got = TreeCompare.hashes(installed);
    if (!got.equals(expected)) {
      return "fast partial applied with bspatch does not give the new tree: "
          + delta(expected, got);
    }
    return null;
  }

  private void build(
      FileDiffer differ, boolean multiBlock, RandomUpdateTrees.Case c, Path out, ProductInfo pib)
      throws Exception {
    new PartialBuilder(UpdateTools.codec(), differ, UpdateTools.marIo(), UpdateTools.patcher())
        .build(
            DirectorySource.scan(c.oldTree()),
            DirectorySource.scan(c.newTree()),
            pib,
            out,
            new PartialBuilder.Options(
                new PlanOptions(List.of(), UpdateFormat.CURRENT),
                X86,
                true,
                null,
                multiBlock,
                1,
                Progress.NONE));
  }

  private static String delta(Map<String, String> expected, Map<String, String> got) {
    List<String> out = new ArrayList<>();
    for (String p : expected.keySet()) {
      if (!got.containsKey(p)) {
        out.add("missing " + p);
      } else if (!got.get(p).equals(expected.get(p))) {
        out.add("different " + p);
      }
    }
    for (String p : got.keySet()) {
      if (!expected.containsKey(p)) {
        out.add("left over " + p);
      }
    }
    return out.toString();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Where two MARs first differ, as a person debugging wants it. */
  static final class MarDifference {
    private MarDifference() {}

    /**
     * Null if the MARs are byte-identical (or, with {@code bytewise} false, hold the same entries
     * with the same decoded content); else the first differing entry and how it differs.
     */
    static String first(Path expected, Path actual, MarIo io, EntryCodec codec, boolean bytewise)
        throws IOException {
      if (bytewise && Arrays.equals(Files.readAllBytes(expected), Files.readAllBytes(actual))) {
        return null;
      }
      MarIo.Contents a = io.read(expected);
      MarIo.Contents b = io.read(actual);
      if (!a.productInfo().equals(b.productInfo())) {
        return "product information " + a.productInfo() + " vs " + b.productInfo();
      }
      List<MarItem> x = a.items();
      List<MarItem> y = b.items();
      for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
        if (i >= x.size() || i >= y.size()) {
          return "entry #"
              + i
              + ": "
              + (i >= x.size() ? "extra " + y.get(i).name() : "missing " + x.get(i).name());
        }
        MarItem e = x.get(i);
        MarItem g = y.get(i);
        if (!e.name().equals(g.name())) {
          return "entry #" + i + ": Mozilla has " + e.name() + ", sbz has " + g.name();
        }
        if (e.mode() != g.mode()) {
          return e.name()
              + ": mode "
              + Integer.toOctalString(e.mode())
              + " vs "
              + Integer.toOctalString(g.mode());
        }
        byte[] ed = codec.decompress(e.data());
        byte[] gd = codec.decompress(g.data());
        if (!Arrays.equals(ed, gd)) {
          return e.name() + ": decoded content differs" + lineDiff(e.name(), ed, gd);
        }
        if (bytewise && !Arrays.equals(e.data(), g.data())) {
          return e.name()
              + ": same content, different compressed bytes ("
              + e.data().length
              + " vs "
              + g.data().length
              + " bytes)";
        }
      }
      return bytewise ? "MAR headers or index differ (all entries equal)" : null;
    }

    private static String lineDiff(String name, byte[] a, byte[] b) {
      if (!name.endsWith(".manifest")) {
        return " (" + a.length + " vs " + b.length + " bytes)";
      }
      String[] x = new String(a, StandardCharsets.UTF_8).split("\n", -1);
      String[] y = new String(b, StandardCharsets.UTF_8).split("\n", -1);
      for (int i = 0; i < Math.max(x.length, y.length); i++) {
        String l = i < x.length ? x[i] : "<end>";
        String r = i < y.length ? y[i] : "<end>";
        if (!l.equals(r)) {
          return "; line " + (i + 1) + ": Mozilla '" + l + "', sbz '" + r + "'";
        }
      }
      return "";
    }
  }
}
