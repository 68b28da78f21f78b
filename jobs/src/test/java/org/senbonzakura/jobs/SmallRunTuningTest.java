/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which JIT and which Spark code {@code scripts/submit/local.sh} gives the job's JVM
 * (sbz_run_tuning in {@code scripts/java-opts.sh}), read from the command line it starts: C1 alone
 * and interpreted plans for a small run, a plain CSV of local complete MARs of at most 16 MiB
 * together; C2 with the job's thresholds and Spark's generated code whenever the launcher cannot
 * tell that a run is small.
 */
class SmallRunTuningTest {
  private static final String C1_ALONE = "-XX:TieredStopAtLevel=1";
  private static final List<String> INTERPRETED =
      List.of("-Dspark.sql.codegen.wholeStage=false", "-Dspark.sql.codegen.factoryMode=NO_CODEGEN");
  private static final String C2_THRESHOLDS = "-XX:Tier4InvocationThreshold=50000";
  private static final String HEADER =
      "product,platform,locale,from_version,to_version,from_url,to_url,from_sha512,to_sha512";

  @TempDir Path dir;
  private LauncherSandbox sandbox;
  private Path from;
  private Path to;

  @BeforeEach
  void setUp() throws IOException {
    sandbox = new LauncherSandbox(dir);
    from = mar("from.mar", 300_000);
    to = mar("to.mar", 310_000);
  }

  @Test
  void aCsvOfSmallLocalMarsRunsWithC1Alone() throws Exception {
    Path csv = requests(row(from.toUri().toString(), to.toUri().toString(), "de"));
    LauncherSandbox.Launch l = launch(List.of("--requests", csv.toString()), Map.of());
    assertJit(true, l.jvmArgs());
    assertPlans(true, l.jvmArgs());
    assertTrue(
        l.stderr().contains("a small run (610000 bytes of local complete MARs)"), l.stderr());
    assertTrue(l.stderr().contains("Spark's plans interpreted"), l.stderr());
    assertTrue(l.jvmArgs().containsAll(List.of("run", "--requests", csv.toString())), "passed on");
    // file:/path as well as file:///path; the same MAR in many rows counts once; --requests=PATH;
    // the requests file itself as a file: URI
    Path many =
        requests(
            row("file:" + from, "file:" + to, "de"),
            row("file:" + from, to.toUri().toString(), "fr"),
            row(from.toUri().toString(), "file:" + to, "it"));
    l = launch(List.of("--requests=" + many.toUri()), Map.of());
    assertJit(true, l.jvmArgs());
    assertTrue(l.stderr().contains("(610000 bytes"), l.stderr());
  }

  @Test
  void anythingTheLauncherCannotTellIsSmallKeepsC2() throws Exception {
    String f = from.toUri().toString();
    String t = to.toUri().toString();
    Path big = mar("big.mar", 16L * 1024 * 1024 - 300_000 + 1); // 1 byte over 16 MiB with "from"
    Map<String, String> cases = new HashMap<>();
    cases.put("over 16 MiB together", row(f, big.toUri().toString(), "de"));
    cases.put("a remote MAR", row(f, "https://archive.example/to.mar", "de"));
    cases.put("an S3 MAR", row("s3a://bucket/from.mar", t, "de"));
    cases.put("a missing MAR", row(f, dir.resolve("nowhere.mar").toUri().toString(), "de"));
    cases.put("an escaped path", row(f, t.replace("to.mar", "t%6F.mar"), "de"));
    cases.put("a quoted field", row(f, t, "de") + ",\"a,b\"");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path csv = requests(c.getValue());
      List<String> args = launch(List.of("--requests", csv.toString()), Map.of()).jvmArgs();
      assertJit(false, args);
      assertPlans(false, args);
    }
    // exactly 16 MiB together is still small
    Path edge = mar("edge.mar", 16L * 1024 * 1024 - 300_000);
    Path csv = requests(row(f, edge.toUri().toString(), "de"));
    assertJit(true, launch(List.of("--requests", csv.toString()), Map.of()).jvmArgs());

    // more rows than SBZ_SMALL_RUN_REQUESTS
    Path three = requests(row(f, t, "de"), row(f, t, "fr"), row(f, t, "it"));
    assertJit(
        false,
        launch(List.of("--requests", three.toString()), Map.of("SBZ_SMALL_RUN_REQUESTS", "2"))
            .jvmArgs());
    assertJit(
        true,
        launch(List.of("--requests", three.toString()), Map.of("SBZ_SMALL_RUN_REQUESTS", "3"))
            .jvmArgs());
    // no header with the two URL columns, no rows, another format, no --requests at all
    assertJit(
        false, launch(List.of("--requests", write("x.csv", "a,b\n1,2\n")), Map.of()).jvmArgs());
    assertJit(
        false, launch(List.of("--requests", write("e.csv", HEADER + "\n")), Map.of()).jvmArgs());
    Path table = Files.createDirectories(dir.resolve("requests-table/_delta_log"));
    assertJit(
        false, launch(List.of("--requests", table.getParent().toString()), Map.of()).jvmArgs());
    assertJit(false, launch(List.of("--conf", "x.conf"), Map.of()).jvmArgs());
    assertJit(
        false, launch(List.of("--requests", "s3a://bucket/requests.csv"), Map.of()).jvmArgs());
  }

  @Test
  void sbzJitChoosesForAnyRun() throws Exception {
    Path small = requests(row(from.toUri().toString(), to.toUri().toString(), "de"));
    Path remote = requests(row("https://a.example/f.mar", "https://a.example/t.mar", "de"));
    assertJit(
        false, launch(List.of("--requests", small.toString()), Map.of("SBZ_JIT", "c2")).jvmArgs());
    LauncherSandbox.Launch c1 =
        launch(List.of("--requests", remote.toString()), Map.of("SBZ_JIT", "c1"));
    assertJit(true, c1.jvmArgs());
    assertTrue(c1.stderr().contains("SBZ_JIT=c1"), c1.stderr());
    assertPlans(false, c1.jvmArgs());
    List<String> defaults =
        launch(List.of("--requests", small.toString()), Map.of("SBZ_JIT", "0")).jvmArgs();
    assertFalse(defaults.contains(C1_ALONE), defaults.toString());
    assertFalse(defaults.contains(C2_THRESHOLDS), defaults.toString());
  }

  @Test
  void theJitAndSparksCodeAreChosenApart() throws Exception {
    Path small = requests(row(from.toUri().toString(), to.toUri().toString(), "de"));
    // C2 for a small run still interprets its plans
    LauncherSandbox.Launch c2 =
        launch(List.of("--requests", small.toString()), Map.of("SBZ_JIT", "c2"));
    assertJit(false, c2.jvmArgs());
    assertPlans(true, c2.jvmArgs());
    // SBZ_CODEGEN=1 keeps generated code, and C1 alone
    List<String> codegen =
        launch(List.of("--requests", small.toString()), Map.of("SBZ_CODEGEN", "1")).jvmArgs();
    assertJit(true, codegen);
    assertPlans(false, codegen);
    // a --spark-conf of the same key comes later on the command line, so it wins
    List<String> own =
        launch(
                List.of(
                    "--requests",
                    small.toString(),
                    "--spark-conf",
                    "spark.sql.codegen.factoryMode=FALLBACK"),
                Map.of())
            .jvmArgs();
    assertPlans(true, own);
    assertTrue(
        own.lastIndexOf("-Dspark.sql.codegen.factoryMode=FALLBACK")
            > own.indexOf("-Dspark.sql.codegen.factoryMode=NO_CODEGEN"),
        own.toString());
  }

  private static void assertPlans(boolean interpreted, List<String> jvmArgs) {
    for (String p : INTERPRETED) {
      assertEquals(interpreted, jvmArgs.contains(p), p + " in " + jvmArgs);
    }
  }

  private static void assertJit(boolean c1Alone, List<String> jvmArgs) {
    assertTrue(jvmArgs.contains("org.senbonzakura.jobs.cli.JobsCli"), jvmArgs.toString());
    assertEquals(c1Alone, jvmArgs.contains(C1_ALONE), jvmArgs.toString());
    assertEquals(!c1Alone, jvmArgs.contains(C2_THRESHOLDS), jvmArgs.toString());
  }

  private LauncherSandbox.Launch launch(List<String> args, Map<String, String> env)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(sandbox.script("scripts/submit/local.sh").toString());
    cmd.addAll(args);
    Map<String, String> e = new HashMap<>(env);
    e.put("SBZ_CDS", "0");
    return sandbox.run(cmd, e);
  }

  /** A stand-in complete MAR of {@code size} bytes (sparse: the launcher only asks its size). */
  private Path mar(String name, long size) throws IOException {
    Path p = dir.resolve(name);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(size);
    }
    return p;
  }

  private static String row(String fromUrl, String toUrl, String locale) {
    return "firefox,linux-x86_64," + locale + ",1.0,2.0," + fromUrl + "," + toUrl + ",aa,bb";
  }

  private Path requests(String... rows) throws IOException {
    return Path.of(
        write(
            "requests-" + System.nanoTime() + ".csv",
            HEADER + "\n" + String.join("\n", rows) + "\n"));
  }

  private String write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text).toString();
  }
}
