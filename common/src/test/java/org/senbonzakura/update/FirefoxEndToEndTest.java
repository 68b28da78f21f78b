/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.cli.Sbz;

/**
 * End to end on a real Firefox pair: {@code complete} on both trees, {@code partial} between the
 * two complete MARs, {@code apply} to an installation made from the old complete MAR, then every
 * file's hash must equal the new tree's (symbolic links aside: a MAR holds regular files only).
 *
 * <p>Needs real builds, which CI does not have unless it downloads them with {@code
 * ../shared/bench/get-debian-builds.sh}: point {@code -Dsbz.firefox.pair=DIR} (or the environment
 * variable {@code SBZ_FIREFOX_PAIR}) at a directory holding {@code old/} and {@code new/}, e.g.
 * {@code /work/bench-data/firefox-esr/minor}. Skipped otherwise, except in CI ({@code CI=true}),
 * where a missing pair fails the test: {@code .ci/run} downloads the minor pair (with retries, and
 * stops if it cannot) and sets the variable, so CI always runs it.
 *
 * <p>Each step runs the CLI as its own JVM with a 6 GiB heap, as {@code scripts/sbz} would, so the
 * test needs no bigger heap for Surefire's JVM.
 */
class FirefoxEndToEndTest {
  @TempDir Path tmp;

  @Test
  void completePartialApplyGivesTheNewTree() throws Exception {
    String pair = System.getProperty("sbz.firefox.pair", System.getenv("SBZ_FIREFOX_PAIR"));
    boolean have = pair != null && !pair.isEmpty();
    Path old = have ? Path.of(pair, "old") : null;
    Path neu = have ? Path.of(pair, "new") : null;
    have = have && Files.isDirectory(old) && Files.isDirectory(neu);
    String missing =
        pair == null || pair.isEmpty()
            ? "no Firefox pair: set -Dsbz.firefox.pair=DIR or SBZ_FIREFOX_PAIR to a directory with"
                + " old/ and new/ (../shared/bench/get-debian-builds.sh downloads them)"
            : "no old/ and new/ in " + pair;
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(have, "CI must run this test: " + missing); // a skip would let CI go green
    }
    assumeTrue(have, "skipped: " + missing);
    long t0 = System.nanoTime();
    Path oldMar = tmp.resolve("old.mar");
    Path newMar = tmp.resolve("new.mar");
    Path partial = tmp.resolve("partial.mar");
    sbz(
        "complete",
        old.toString(),
        "-o",
        oldMar.toString(),
        "-H",
        "e2e",
        "-V",
        "1.0",
        "--write-precomplete");
    sbz(
        "complete",
        neu.toString(),
        "-o",
        newMar.toString(),
        "-H",
        "e2e",
        "-V",
        "2.0",
        "--write-precomplete");
    sbz("partial", oldMar.toString(), newMar.toString(), "-o", partial.toString(), "--fast");

    // an installation as the old complete MAR would lay it out, then the partial on top
    Path install = Files.createDirectories(tmp.resolve("install"));
    sbz("apply", oldMar.toString(), "--to", install.toString());
    sbz("apply", partial.toString(), "--to", install.toString());

    Map<String, String> got = TreeCompare.hashes(install);
    Map<String, String> want = TreeCompare.hashes(neu);
    // the installation also holds the generated precomplete, which the new tree lacks
    String pre = got.remove("precomplete");
    assertEquals(
        Hashes.sha256(
            new MarUpdateContents(UpdateTools.marIo().read(newMar), UpdateTools.codec())
                .entry("precomplete")),
        pre);
    want.remove("precomplete");
    assertEquals(want, got);
    System.out.printf(
        "FirefoxEndToEndTest: %s took %.1f s%n", pair, (System.nanoTime() - t0) / 1e9);
  }

  /** Runs {@code sbz ARGS} in a JVM of its own from this test's classpath. */
  private void sbz(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx6g");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Sbz.class.getName());
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile(tmp, "sbz-", ".log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int rc = p.waitFor();
    String out = Files.readString(log);
    System.out.print(out.length() > 4000 ? out.substring(out.length() - 4000) : out);
    assertEquals(0, rc, () -> "sbz " + String.join(" ", args) + " failed:\n" + out);
  }
}
