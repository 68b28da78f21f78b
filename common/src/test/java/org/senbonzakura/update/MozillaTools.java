/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Mozilla's own tools from {@code ../shared/oracle} (see its README) for differential tests:
 * {@code run-partial.sh}, {@code make_full_update.sh} and the updater's {@code bspatch}. They are
 * the reference the tests compare sbz with; nothing of theirs is linked or copied.
 */
final class MozillaTools {
  private final Path oracle;

  private MozillaTools(Path oracle) {
    this.oracle = oracle;
  }

  /** The oracle under {@code -Dsbz.shared}, or null if it is not there. */
  static MozillaTools find() {
    String shared = System.getProperty("sbz.shared");
    if (shared == null) {
      return null;
    }
    Path o = Paths.get(shared, "oracle");
    return Files.isExecutable(o.resolve("run-partial.sh"))
            && Files.isExecutable(o.resolve("bin/bspatch"))
        ? new MozillaTools(o)
        : null;
  }

  Path home() {
    return oracle;
  }

  /** {@code make_incremental_update.sh} in the partials task's environment (x86 BCJ). */
  void partial(Path oldTree, Path newTree, Path out, String channel, String version, Path work)
      throws IOException {
    run(
        List.of(
            oracle.resolve("run-partial.sh").toString(),
            oldTree.toString(),
            newTree.toString(),
            out.toString(),
            channel,
            version),
        Map.of("RUN_PARTIAL_WORKDIR", work.toString()),
        out.getParent());
  }

  /** {@code make_full_update.sh OUT TREE} with x86 BCJ, as the README gives it. */
  void complete(Path tree, Path out, String channel, String version) throws IOException {
    run(
        List.of(
            "bash",
            oracle.resolve("scripts/make_full_update.sh").toString(),
            "-q",
            "" + out,
            tree.toString()),
        Map.of(
            "MAR",
            oracle.resolve("bin/mar").toString(),
            "BCJ_OPTIONS",
            "--x86",
            "MAR_CHANNEL_ID",
            channel,
            "MOZ_PRODUCT_VERSION",
            version,
            "LC_ALL",
            "C"),
        out.getParent());
  }

  /** The updater's patch code: {@code source} patched, or an exception if it refuses. */
  byte[] bspatch(byte[] source, byte[] patch, Path work) throws IOException {
    Path dir = Files.createTempDirectory(work, "bspatch");
    try {
      Path s = Files.write(dir.resolve("source"), source);
      Path p = Files.write(dir.resolve("patch"), patch);
      Path n = dir.resolve("new");
      run(
          List.of(oracle.resolve("bin/bspatch").toString(), s.toString(), n.toString(), "" + p),
          Map.of(),
          dir);
      return Files.readAllBytes(n);
    } finally {
      for (String f : new String[] {"source", "patch", "new"}) {
        Files.deleteIfExists(dir.resolve(f));
      }
      Files.deleteIfExists(dir);
    }
  }

  private static void run(List<String> cmd, Map<String, String> env, Path cwd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).directory(cwd.toFile());
    pb.environment().putAll(env);
    pb.environment().remove("XZ_OPT");
    pb.environment().remove("XZ_DEFAULTS");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] output = p.getInputStream().readAllBytes();
    try {
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + cmd);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + cmd, e);
    }
    if (p.exitValue() != 0) {
      String text = new String(output, StandardCharsets.UTF_8);
      throw new IOException(
          cmd.get(0)
              + " exited with "
              + p.exitValue()
              + ": "
              + text.substring(Math.max(0, text.length() - 2000)));
    }
  }
}
