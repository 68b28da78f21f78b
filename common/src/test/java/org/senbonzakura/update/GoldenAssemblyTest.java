/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.cli.Sbz;

/**
 * Golden tests against Mozilla's own tools (../shared/golden/partial-small, made with
 * make_full_update.sh / make_incremental_update.sh, XZ Utils 5.4.1, BCJ x86, channel
 * sbz-golden-test).
 */
class GoldenAssemblyTest {
  private static final Path GOLDEN = GoldenTrees.partialSmall();

  @TempDir Path tmp;

  static void sbz(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        Sbz.run(
            List.of(args),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, rc, () -> "sbz " + String.join(" ", args) + ": " + err);
  }

  /** Name, mode and decompressed content of every entry, in MAR order. */
  static List<String> decodedEntries(Path mar) throws Exception {
    EntryCodec codec = UpdateTools.codec();
    List<String> out = new ArrayList<>();
    for (MarItem i : UpdateTools.marIo().read(mar).items()) {
      out.add(
          i.name()
              + " "
              + Integer.toOctalString(i.mode())
              + " "
              + Hashes.sha256(codec.decompress(i.data())));
    }
    return out;
  }

  static String manifestOf(Path mar) throws Exception {
    return new MarUpdateContents(UpdateTools.marIo().read(mar), UpdateTools.codec()).manifest();
  }

  @Test
  void partialFromDirectoriesWritesTheGoldenManifest() throws Exception {
    Path out = tmp.resolve("p.mar");
    sbz(
        "partial",
        GOLDEN.resolve("from").toString(),
        GOLDEN.resolve("to").toString(),
        "-o",
        out.toString(),
        "-H",
        "sbz-golden-test",
        "-V",
        "2.0",
        "--exact");
    assertEquals(
        Files.readString(GOLDEN.resolve("a-b.updatev3.manifest"), StandardCharsets.UTF_8),
        manifestOf(out));
    assertMatchesGolden(GOLDEN.resolve("a-b.partial.mar"), out, "partial");
  }

  @Test
  void partialFromCompleteMarsMatchesTheGoldenPartial() throws Exception {
    Path out = tmp.resolve("p.mar");
    sbz(
        "partial",
        GOLDEN.resolve("a.complete.mar").toString(),
        GOLDEN.resolve("b.complete.mar").toString(),
        "-o",
        out.toString(),
        "--exact");
    assertMatchesGolden(GOLDEN.resolve("a-b.partial.mar"), out, "partial");
  }

  @Test
  void completeReproducesBothGoldenCompleteMars() throws Exception {
    for (Map.Entry<String, String> t : Map.of("from", "1.0", "to", "2.0").entrySet()) {
      Path out = tmp.resolve(t.getKey() + ".mar");
      sbz(
          "complete",
          GOLDEN.resolve(t.getKey()).toString(),
          "-o",
          out.toString(),
          "-H",
          "sbz-golden-test",
          "-V",
          t.getValue());
      Path golden = GOLDEN.resolve(t.getKey().equals("from") ? "a.complete.mar" : "b.complete.mar");
      assertMatchesGolden(golden, out, t.getKey());
      assertEquals(
          UpdateTools.marIo().read(golden).productInfo(),
          UpdateTools.marIo().read(out).productInfo());
    }
  }

  @Test
  void completeReusingTheOldMarsEntriesStillReproducesTheNewGoldenMar() throws Exception {
    Path out = tmp.resolve("to-reuse.mar");
    sbz(
        "complete",
        GOLDEN.resolve("to").toString(),
        "-o",
        out.toString(),
        "-H",
        "sbz-golden-test",
        "-V",
        "2.0",
        "--reuse",
        GOLDEN.resolve("a.complete.mar").toString());
    assertMatchesGolden(GOLDEN.resolve("b.complete.mar"), out, "complete");
  }

  @Test
  void onlyEntriesWhoseBytesAreUnchangedAreReused() throws Exception {
    TreeListing to = DirectorySource.scan(GOLDEN.resolve("to")).listing();
    Map<String, String> before = TreeCompare.hashes(GOLDEN.resolve("from"));
    Map<String, String> after = TreeCompare.hashes(GOLDEN.resolve("to"));
    // an empty file's xz stream has no block, hence no filter chain to check: it may be
    // compressed afresh (for nothing), so only non-empty unchanged files must be reused
    Set<String> unchanged = new TreeSet<>();
    for (FileInfo f : to.files()) {
      if (f.size() > 0 && f.sha256().equals(before.get(f.path()))) {
        unchanged.add(f.path());
      }
    }
    Map<String, byte[]> reused =
        ReusableEntries.from(
            GOLDEN.resolve("a.complete.mar"),
            to,
            EntryCompression.of(UpdateFormat.CURRENT, TargetArch.X86));
    assertFalse(unchanged.isEmpty());
    assertNotEquals(after.keySet(), unchanged, "the golden pair changes some files");
    Set<String> got = new TreeSet<>(reused.keySet());
    got.removeIf(p -> after.get(p).equals(Hashes.sha256(new byte[0])));
    assertEquals(unchanged, got);
    assertTrue(
        ReusableEntries.from(GOLDEN.resolve("a.complete.mar"), to, EntryCompression.BZIP2)
            .isEmpty(),
        "xz entries never stand in for bzip2 ones");
  }

  @Test
  void xzUtilsIsUsedWhenInstalledAndThenMatchesMozilla() throws Exception {
    assertEquals(UpdateTools.usesXzUtils(), xzMatchesXzUtils());
  }

  @Test
  void mozillasPartialAppliesToFromAndGivesTo() throws Exception {
    Path install = tmp.resolve("install");
    Applier.copyTree(GOLDEN.resolve("from"), install);
    makeWritable(install);
    sbz("apply", GOLDEN.resolve("a-b.partial.mar").toString(), "--to", install.toString());
    Map<String, String> got = TreeCompare.hashes(install);
    Map<String, String> want = TreeCompare.hashes(GOLDEN.resolve("to"));
    // add-if-not keeps the installed update-settings.ini (the golden README's one exception)
    assertEquals(
        TreeCompare.hashes(GOLDEN.resolve("from")).get("update-settings.ini"),
        got.remove("update-settings.ini"));
    want.remove("update-settings.ini");
    assertEquals(want, got);
  }

  /**
   * Asserts that {@code out} holds the golden MAR's entries (names, order, modes, decompressed
   * contents), and its very bytes when our xz encoder writes XZ Utils' bytes ({@link
   * #xzMatchesXzUtils}).
   */
  static void assertMatchesGolden(Path golden, Path out, String label) throws Exception {
    assertEquals(decodedEntries(golden), decodedEntries(out), label);
    if (xzMatchesXzUtils()) {
      assertArrayEquals(Files.readAllBytes(golden), Files.readAllBytes(out), label);
    }
  }

  /**
   * Whether our xz encoder writes XZ Utils' exact bytes, found by recompressing the golden complete
   * MAR's entries. Only then can whole MARs be byte-identical; otherwise the tests above compare
   * every entry decompressed (names, order, modes, contents), which is what the updater sees.
   */
  static boolean xzMatchesXzUtils() throws Exception {
    EntryCodec codec = UpdateTools.codec();
    EntryCompression c = EntryCompression.of(UpdateFormat.CURRENT, TargetArch.X86_64);
    for (MarItem i : UpdateTools.marIo().read(GOLDEN.resolve("b.complete.mar")).items()) {
      if (!java.util.Arrays.equals(i.data(), codec.compress(codec.decompress(i.data()), c, true))) {
        return false;
      }
    }
    return true;
  }

  static void makeWritable(Path root) throws Exception {
    try (var s = Files.walk(root)) {
      for (Path p : s.toList()) {
        p.toFile().setWritable(true, true);
      }
    }
  }
}
