/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.storage.local;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The settings that give Hadoop's {@code file:} scheme the process-free implementations of this
 * package, in both of Hadoop's APIs (FileSystem and FileContext): as Hadoop keys, for a program
 * that makes its own Hadoop configuration, and as {@code spark.hadoop.*} settings, which reach the
 * driver's and every executor's Hadoop configuration.
 */
public final class LocalFileSystems {
  /** Hadoop key → class name. */
  public static final Map<String, String> HADOOP_SETTINGS =
      Map.of(
          "fs.file.impl",
          NioLocalFileSystem.class.getName(),
          "fs.AbstractFileSystem.file.impl",
          NioLocalFs.class.getName());

  /** The same, as Spark settings. */
  public static final Map<String, String> SPARK_SETTINGS =
      HADOOP_SETTINGS.entrySet().stream()
          .collect(
              Collectors.toUnmodifiableMap(e -> "spark.hadoop." + e.getKey(), Map.Entry::getValue));

  private LocalFileSystems() {}
}
