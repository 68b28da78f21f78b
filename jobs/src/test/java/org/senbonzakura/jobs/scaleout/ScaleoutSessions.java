/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.spark.SparkSessions;

/**
 * Spark sessions for the scale-out tests. A JVM holds one SparkContext; these tests need their own
 * master (local[2] with Delta, or a standalone cluster), so a session left by an earlier test class
 * is stopped first, and each test class stops its session when done.
 */
final class ScaleoutSessions {
  private ScaleoutSessions() {}

  /** A local[2] session with Delta Lake's SQL extension and catalog. */
  static SparkSession localWithDelta(String appName) {
    return withDelta(SparkSession.builder().master("local[2]"), appName).getOrCreate();
  }

  /** The Delta, UI and shuffle settings every scale-out session uses. */
  static SparkSession.Builder withDelta(SparkSession.Builder builder, String appName) {
    stopLeftoverSession();
    return builder
        .config(SparkSessions.withSbzSettings(new SparkConf(false)))
        .appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        // Delta rebuilds table state with 50 partitions by default: far too many for tiny tables
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .config("spark.driver.host", LoopbackPorts.HOST)
        .config("spark.driver.bindAddress", LoopbackPorts.HOST)
        // the default log store for s3a; named here so the setting is visible and documented
        .config("spark.delta.logStore.s3a.impl", "io.delta.storage.S3SingleDriverLogStore");
  }

  /** Applies Hadoop keys at run time (per-bucket S3A keys are read when a bucket is opened). */
  static void applyHadoop(SparkSession spark, Map<String, String> hadoopKeys) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    hadoopKeys.forEach(conf::set);
  }

  static void stop(SparkSession spark) {
    if (spark != null) {
      spark.stop();
    }
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
  }

  private static void stopLeftoverSession() {
    if (SparkSession.getDefaultSession().isDefined()) {
      SparkSession.getDefaultSession().get().stop();
    }
    if (SparkSession.getActiveSession().isDefined()) {
      SparkSession.getActiveSession().get().stop();
    }
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
  }
}
