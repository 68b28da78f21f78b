/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers' class-data archive ({@code sbz_cds} and {@code sbz_exec_java} in {@code
 * scripts/java-opts.sh}), on a module tree of its own: which option a run gets, that a successful
 * run leaves a whole archive in place and a failed one none, and that the next JVM maps the
 * application's classes from it.
 */
class ClassDataSharingTest {
  @TempDir Path home;
  private Path target;
  private Path jar;
  private Path archive;

  @BeforeEach
  void moduleTree() throws IOException {
    target = Files.createDirectories(home.resolve("jobs/target"));
    Files.createDirectories(target.resolve("lib"));
    jar = target.resolve("sbz-jobs-test.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out);
        InputStream probe =
            CdsProbe.class.getResourceAsStream(CdsProbe.class.getSimpleName() + ".class")) {
      jarOut.putNextEntry(new JarEntry(CdsProbe.class.getName().replace('.', '/') + ".class"));
      probe.transferTo(jarOut);
      jarOut.closeEntry();
    }
    FileTime hourAgo = FileTime.from(Instant.now().minusSeconds(3600));
    Files.setLastModifiedTime(jar, hourAgo);
    Files.setLastModifiedTime(target.resolve("lib"), hourAgo);
    archive = target.resolve("sbz-jobs.jsa");
  }

  @Test
  void aRunWithoutACurrentArchiveWritesOneAndLaterRunsMapIt() throws Exception {
    assertEquals(List.of(), cdsOpts("", Map.of()), "no archive, not asked to write one");
    List<String> dump = cdsOpts("dump", Map.of());
    assertEquals(2, dump.size(), dump.toString());
    assertTrue(
        dump.get(0).matches("-XX:ArchiveClassesAtExit=" + archive + "\\.\\d+\\.tmp"),
        dump.toString());

    Files.writeString(archive, "an archive newer than the jar");
    assertEquals(List.of("-XX:SharedArchiveFile=" + archive), cdsOpts("dump", Map.of()));
    assertEquals(List.of(), cdsOpts("dump", Map.of("SBZ_CDS", "0")), "SBZ_CDS=0");
    // JFR or an agent with the archive crashed the JVM (java-opts.sh): neither maps nor writes one
    for (Map<String, String> env :
        List.of(
            Map.of("JAVA_TOOL_OPTIONS", "-Xss2m -XX:StartFlightRecording=filename=r.jfr"),
            Map.of("JDK_JAVA_OPTIONS", "-javaagent:/opt/agent.jar"),
            Map.of("JAVA_TOOL_OPTIONS", "-agentlib:jdwp=transport=dt_socket"))) {
      assertEquals(List.of(), cdsOpts("dump", env), env.toString());
      assertEquals(List.of(), cdsOpts("", env), env.toString());
    }
    assertEquals(
        List.of("-XX:SharedArchiveFile=" + archive),
        cdsOpts("dump", Map.of("JAVA_TOOL_OPTIONS", "-Xss2m")),
        "other options");
    assertEquals(
        List.of(), cdsOpts("dump", Map.of("SBZ_CLASSPATH", "/elsewhere/*")), "another classpath");

    Path dependency = Files.writeString(target.resolve("lib/dependency.jar"), "a dependency");
    Files.setLastModifiedTime(dependency, FileTime.from(Instant.now().minusSeconds(1800)));
    Files.setLastModifiedTime(
        target.resolve("lib"), FileTime.from(Instant.now().minusSeconds(3600)));
    assertEquals(List.of("-XX:SharedArchiveFile=" + archive), cdsOpts("dump", Map.of()));
    // a dependency rebuilt in place (the directory's time unchanged) makes the archive stale
    Files.setLastModifiedTime(dependency, FileTime.from(Instant.now().plusSeconds(60)));
    assertTrue(cdsOpts("dump", Map.of()).get(0).startsWith("-XX:ArchiveClassesAtExit="), "dep");
    Files.setLastModifiedTime(dependency, FileTime.from(Instant.now().minusSeconds(1800)));

    Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(7200)));
    assertTrue(cdsOpts("dump", Map.of()).get(0).startsWith("-XX:ArchiveClassesAtExit="), "stale");
  }

  @Test
  void aSuccessfulRunLeavesTheArchiveWholeAndTheNextJvmMapsItsClasses() throws Exception {
    Result first = runProbe(0, "");
    assertEquals(0, first.exit(), first.out());
    assertTrue(Files.size(archive) > 0);
    assertEquals(List.of(), leftovers());

    // -Xshare:on: the JVM refuses to start unless it maps the archive
    Result second = runProbe(0, "-Xshare:on -Xlog:class+load=info");
    assertEquals(0, second.exit(), second.out());
    assertTrue(
        second.out().contains(CdsProbe.class.getName() + " source: shared objects file (top)"),
        second.out());
  }

  @Test
  void aFailedRunKeepsItsExitStatusAndLeavesNoArchive() throws Exception {
    Result failed = runProbe(3, "");
    assertEquals(3, failed.exit(), failed.out());
    assertFalse(Files.exists(archive));
    assertEquals(List.of(), leftovers());
  }

  private record Result(int exit, String out) {}

  /** Runs the probe through the launchers' functions, as local.sh runs the job. */
  private Result runProbe(int exit, String extraOpts) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String script =
        prelude()
            + "sbz_cds jobs dump; sbz_exec_java '"
            + java
            + "' \"${SBZ_CDS_OPTS[@]}\" "
            + extraOpts
            + " -cp '"
            + jar
            + "' "
            + CdsProbe.class.getName()
            + " "
            + exit;
    return bash(script, Map.of());
  }

  private List<String> cdsOpts(String mode, Map<String, String> env) throws Exception {
    Result r =
        bash(
            prelude()
                + "sbz_cds jobs "
                + mode
                + "; for o in ${SBZ_CDS_OPTS[@]+\"${SBZ_CDS_OPTS[@]}\"}; do printf '%s\\n' \"$o\"; done",
            env);
    assertEquals(0, r.exit(), r.out());
    return r.out().lines().toList();
  }

  private String prelude() {
    Path opts = SparkJvmOpens.file().resolveSibling("java-opts.sh");
    return "set -euo pipefail; . '" + opts + "'; SBZ_HOME='" + home + "'; ";
  }

  private static Result bash(String script, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
    pb.environment()
        .keySet()
        .removeAll(List.of("SBZ_CDS", "SBZ_CLASSPATH", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS"));
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
    return new Result(p.exitValue(), out);
  }

  private List<String> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
    }
  }
}
