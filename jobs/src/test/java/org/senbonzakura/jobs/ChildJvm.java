/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM of a test's own, on this test JVM's class path, for the tests that must kill a run or see
 * it from outside (a crash, a second executor, a service process). One fixture builds the command
 * line, so every such JVM gets the same Spark options from the one list ({@link SparkJvmOpens}).
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * {@code java -Xmx<maxHeap> <Spark's opens> <options> -cp <test class path> <mainClass> <args>}.
   */
  public static List<String> command(
      String maxHeap, List<String> options, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + maxHeap);
    cmd.addAll(SparkJvmOpens.options());
    cmd.addAll(options);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  /**
   * {@code sbz}'s job commands ({@code JobsCli}) in a JVM of their own on a small local Spark (two
   * cores, two shuffle partitions, no UI), with {@code options} on top.
   */
  public static List<String> jobsCli(List<String> options, List<String> args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "-Dsbz.spark.master=local[2]",
                "-Dspark.ui.enabled=false",
                "-Dspark.ui.showConsoleProgress=false",
                "-Dspark.sql.shuffle.partitions=2",
                "-Dspark.databricks.delta.snapshotPartitions=2"));
    all.addAll(options);
    return command("1g", all, "org.senbonzakura.jobs.cli.JobsCli", args);
  }

  /** Starts the command with stdout and stderr together in {@code log}. */
  public static Process start(List<String> command, Path log) throws IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
