/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build left what the helper JVMs need: the jobs module's runtime classpath (written by
 * the dependency plugin's scaleout-classpath execution), its classes and test classes (so test jobs
 * reach executors), and the S3Proxy jar.
 */
final class BuiltClasspath {
  private BuiltClasspath() {}

  /** jobs/target of this checkout. */
  static Path target() {
    String repo = System.getProperty("sbz.repo");
    Path base = repo != null ? Path.of(repo, "jobs") : Path.of("").toAbsolutePath();
    return base.resolve("target");
  }

  /** A fresh directory under jobs/target/scaleout-work for one test's servers and data. */
  static Path workDir(String name) throws IOException {
    Path root = target().resolve("scaleout-work");
    Files.createDirectories(root);
    return Files.createTempDirectory(root, name + "-");
  }

  /** The runtime classpath plus the module's own classes and test classes. */
  static String jobsClasspath() throws IOException {
    Path file = target().resolve("scaleout/runtime.classpath");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file + " is missing: run the build through Maven (generate-test-resources)");
    }
    String runtime = Files.readString(file).trim();
    return target().resolve("classes")
        + ":"
        + target().resolve("test-classes")
        + (runtime.isEmpty() ? "" : ":" + runtime);
  }

  /** The self-contained S3Proxy jar. */
  static Path s3proxyJar() {
    Path jar = target().resolve("scaleout/s3proxy.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the build through Maven");
    }
    return jar;
  }
}
