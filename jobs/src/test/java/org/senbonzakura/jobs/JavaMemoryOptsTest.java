/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers ask for transparent huge pages only where the kernel grants them on request ({@code
 * scripts/java-opts.sh}, SBZ_MEMORY_OPTS): elsewhere the flag is either useless ("always") or makes
 * the JVM print a warning ("never"). The Spark JVMs' JIT thresholds (SBZ_JIT_OPTS) are options this
 * JVM takes without a warning, and SBZ_JIT=0 drops them.
 */
class JavaMemoryOptsTest {
  private static final String THP = "-XX:+UseTransparentHugePages";

  @TempDir Path dir;

  @Test
  void hugePagesOnlyWhereTheKernelGivesThemOnRequest() throws Exception {
    assertEquals(List.of(THP), memoryOpts("always [madvise] never", null));
    assertEquals(List.of(), memoryOpts("[always] madvise never", null));
    assertEquals(List.of(), memoryOpts("always madvise [never]", null));
    assertEquals(List.of(), memoryOpts(null, null), "no such setting (not Linux)");
    assertEquals(List.of(), memoryOpts("always [madvise] never", "0"), "SBZ_THP=0");
  }

  @Test
  void theJvmTakesThisMachinesOptionsWithoutAWarning() throws Exception {
    List<String> opts =
        run(List.of("bash", "-c", script("SBZ_MEMORY_OPTS")), Map.of()).lines().toList();
    List<String> jit =
        run(List.of("bash", "-c", script("SBZ_JIT_OPTS")), Map.of()).lines().toList();
    assertFalse(jit.isEmpty(), "the Spark JVMs' JIT thresholds");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(opts);
    cmd.addAll(jit);
    cmd.add("-version");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertFalse(out.toLowerCase(Locale.ROOT).contains("warning"), out);
  }

  private List<String> memoryOpts(String kernelSetting, String sbzThp) throws Exception {
    Path file = dir.resolve("enabled");
    Files.deleteIfExists(file);
    if (kernelSetting != null) {
      Files.writeString(file, kernelSetting + "\n");
    }
    Map<String, String> env = new HashMap<>();
    env.put("SBZ_THP_MODE_FILE", file.toString()); // absent when kernelSetting is null
    if (sbzThp != null) {
      env.put("SBZ_THP", sbzThp);
    }
    return run(List.of("bash", "-c", script("SBZ_MEMORY_OPTS")), env).lines().toList();
  }

  /** A script that prints the launchers' array {@code name}, one option a line. */
  private static String script(String name) {
    Path opts = SparkJvmOpens.file().resolveSibling("java-opts.sh");
    return "set -euo pipefail; . '"
        + opts
        + "'; for o in ${"
        + name
        + "[@]+\"${"
        + name
        + "[@]}\"}; do printf '%s\\n' \"$o\"; done";
  }

  @Test
  void sbzJitZeroLeavesTheJitAlone() throws Exception {
    assertEquals("", run(List.of("bash", "-c", script("SBZ_JIT_OPTS")), Map.of("SBZ_JIT", "0")));
    assertEquals(
        "", run(List.of("bash", "-c", script("SBZ_READER_JIT_OPTS")), Map.of("SBZ_JIT", "0")));
  }

  /**
   * Which JIT each Spark command of {@code scripts/sbz} starts its JVM with, read from the command
   * line itself: a copy of the launchers, on a module tree whose {@code java} prints its arguments.
   * The commands that only read the tables get C1 alone; those that hash MARs or run the differ
   * keep C2, with the job's thresholds.
   */
  @Test
  void tableReadersGetC1AloneAndTheCommandsThatHashOrDiffKeepC2() throws Exception {
    LauncherSandbox sandbox = new LauncherSandbox(dir);
    String sbz = sandbox.script("scripts/sbz").toString();
    for (String command : List.of("results", "report", "requests", "serve", "cache")) {
      List<String> args = sandbox.run(List.of(sbz, command, "--help"), Map.of()).jvmArgs();
      assertTrue(args.contains("org.senbonzakura.jobs.cli.JobsCli"), args.toString());
      boolean c1Alone = args.contains("-XX:TieredStopAtLevel=1");
      boolean jobThresholds = args.contains("-XX:Tier4InvocationThreshold=50000");
      boolean reader = command.equals("results") || command.equals("report");
      assertEquals(reader, c1Alone, command + ": " + args);
      assertEquals(!reader, jobThresholds, command + ": " + args);
    }
  }

  /**
   * Runs {@code cmd} with the launchers' switches unset except those in {@code env}, and returns
   * its standard output.
   */
  private static String run(List<String> cmd, Map<String, String> env)
      throws IOException, InterruptedException {
    return String.join("\n", LauncherSandbox.exec(cmd, env).jvmArgs());
  }
}
