/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A copy of the repository's launch scripts on a module tree whose {@code java} prints its
 * arguments, one a line: a test reads the JVM command line a launcher would start, without starting
 * a JVM. The jobs module looks built (an empty jar and lib directory).
 */
final class LauncherSandbox {
  /** The launchers' switches that a test sets itself, never inherited from the test's own JVM. */
  static final List<String> SWITCHES =
      List.of(
          "SBZ_THP",
          "SBZ_THP_MODE_FILE",
          "SBZ_JIT",
          "SBZ_CODEGEN",
          "SBZ_CDS",
          "SBZ_CLASSPATH",
          "SBZ_SMALL_RUN_BYTES",
          "SBZ_SMALL_RUN_REQUESTS",
          "JAVA_TOOL_OPTIONS");

  private final Path home;
  private final Path jdk;

  LauncherSandbox(Path dir) throws IOException {
    home = dir.resolve("home");
    Path scripts = SparkJvmOpens.file().getParent();
    try (var files = Files.walk(scripts)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path to = home.resolve("scripts").resolve(scripts.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    Files.createDirectories(home.resolve("jobs/target/lib"));
    Files.writeString(home.resolve("jobs/target/sbz-jobs-test.jar"), "");
    jdk = dir.resolve("jdk");
    Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    assertTrue(java.toFile().setExecutable(true));
  }

  /** The path of a script of the copy, e.g. {@code "scripts/submit/local.sh"}. */
  Path script(String relative) {
    return home.resolve(relative);
  }

  /** What a launcher did: the arguments its JVM got, and what it said on stderr. */
  record Launch(List<String> jvmArgs, String stderr) {}

  /**
   * Runs {@code command} with this sandbox's {@code java}, the launchers' switches unset except
   * those in {@code env}, and returns the JVM's arguments; the launcher must exit with 0.
   */
  Launch run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    Map<String, String> withJava = new HashMap<>(env);
    withJava.putIfAbsent("JAVA_HOME", jdk.toString());
    return exec(command, withJava);
  }

  /**
   * Runs {@code command} with the launchers' switches unset except those in {@code env}, and
   * returns its standard output a line an element (for a launcher of this sandbox: the JVM's
   * arguments) with its standard error; it must exit with 0.
   */
  static Launch exec(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeAll(SWITCHES);
    pb.environment().putAll(env);
    Path err = Files.createTempFile("sbz-launcher", ".stderr");
    try {
      pb.redirectError(err.toFile());
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      String stderr = Files.readString(err);
      if (p.exitValue() != 0) {
        throw new AssertionError(command + " exited with " + p.exitValue() + ": " + stderr);
      }
      return new Launch(out.lines().toList(), stderr);
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
