/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM options Spark needs on Java 17, for tests that start JVMs of their own: read from the one
 * list, {@code scripts/spark-jvm-opens.args}, which the build's test JVMs and the launch scripts
 * read as well.
 */
public final class SparkJvmOpens {
  private SparkJvmOpens() {}

  /** The list's file in the repository under test. */
  public static Path file() {
    return Path.of(System.getProperty("sbz.repo"), "scripts", "spark-jvm-opens.args");
  }

  /** The options, one per element, without the file's comments and blank lines. */
  public static List<String> options() {
    try {
      return Files.readAllLines(file()).stream()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the --add-opens list " + file(), e);
    }
  }
}
