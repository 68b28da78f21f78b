/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.storage.local;

import java.util.Map;

/**
 * The Spark settings that give Hadoop's {@code file:} scheme the process-free implementations of
 * this package, in both of Hadoop's APIs (FileSystem and FileContext). As {@code spark.hadoop.*}
 * settings they reach the driver's and every executor's Hadoop configuration.
 */
public final class LocalFileSystems {
  /** Setting → class name. */
  public static final Map<String, String> SPARK_SETTINGS =
      Map.of(
          "spark.hadoop.fs.file.impl",
          NioLocalFileSystem.class.getName(),
          "spark.hadoop.fs.AbstractFileSystem.file.impl",
          NioLocalFs.class.getName());

  private LocalFileSystems() {}
}
