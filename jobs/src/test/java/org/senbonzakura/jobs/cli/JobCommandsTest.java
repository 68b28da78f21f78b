/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.GoldenLocales;

/**
 * {@code sbz results} and {@code sbz run} as a user runs them, each in its own JVM (the commands
 * stop their SparkSession, which the other tests of this JVM share): issue #19, item 6.
 */
class JobCommandsTest {
  @TempDir Path dir;

  private record Outcome(int status, String output) {}

  private Outcome sbz(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx768m");
    for (String opt : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (opt.startsWith("--add-opens") || opt.startsWith("-Djdk.reflect")) {
        cmd.add(opt);
      }
    }
    cmd.addAll(
        List.of(
            "-Dsbz.spark.master=local[1]",
            "-Dspark.ui.showConsoleProgress=false",
            "-Dspark.sql.shuffle.partitions=1",
            "-cp",
            System.getProperty("java.class.path"),
            "org.senbonzakura.jobs.cli.JobsCli"));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile(dir, "sbz-", ".log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("sbz " + String.join(" ", args) + " did not end");
    }
    return new Outcome(p.exitValue(), Files.readString(log));
  }

  /**
   * The setting reaches Hadoop through Spark: a file system class that does not exist makes the
   * read of the (local) tables fail naming it; a harmless setting leaves the command working.
   */
  @Test
  void resultsTakesSparkSettingsLikeTheJob() throws Exception {
    String root = dir.resolve("root").toString();
    Outcome ok =
        sbz("results", "--storage-root", root, "--spark-conf", "spark.sql.shuffle.partitions=3");
    assertEquals(0, ok.status(), ok.output());
    assertTrue(ok.output().contains("request_id\tlocale"), ok.output());

    Outcome reached =
        sbz(
            "results",
            "--storage-root",
            root,
            "--spark-conf",
            "spark.hadoop.fs.file.impl=org.senbonzakura.NoSuchFileSystem");
    assertEquals(1, reached.status(), reached.output());
    assertTrue(reached.output().contains("NoSuchFileSystem"), reached.output());
  }

  /** A table without a required column: one line naming it, a non-zero exit, no table written. */
  @Test
  void runRefusesARequestsTableLackingAColumn() throws Exception {
    Path requests =
        Files.writeString(
            dir.resolve("requests.csv"),
            GoldenLocales.REQUESTS_HEADER.replace("from_sha512,to_sha512,", "")
                + "firefox,linux-x86_64,de,1.0,2.0,file:/m/a.mar,file:/m/b.mar,release,current,\n");
    Path root = dir.resolve("root");
    Outcome o =
        sbz(
            "run",
            "--requests",
            requests.toString(),
            "--storage-root",
            root.toString(),
            "--allow-url-prefix",
            "file:/m/");
    assertEquals(1, o.status(), o.output());
    List<String> errors = o.output().lines().filter(l -> l.startsWith("sbz run: ")).toList();
    assertEquals(1, errors.size(), o.output());
    assertTrue(
        errors.get(0).contains("lacks the required columns from_sha512, to_sha512"), errors.get(0));
    assertFalse(Files.exists(root.resolve("tables")), "the run wrote tables");
  }
}
