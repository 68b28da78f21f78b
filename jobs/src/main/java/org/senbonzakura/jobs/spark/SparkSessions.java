/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.spark;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.storage.local.LocalFileSystems;
import org.senbonzakura.jobs.tables.ExclusiveLocalLogStore;

/**
 * Creates the one SparkSession a run uses, with the Delta settings of {@link #DELTA} and the local
 * file system of {@link LocalFileSystems} (unless a setting names another). The master comes from
 * spark-submit when it set one, otherwise from the config ({@code local[*]} by default), so the
 * same code runs embedded and on a cluster. Spark settings given as {@code spark.*} system
 * properties (spark-submit {@code --conf}, {@code --spark-conf}) win over those in the config file.
 */
public final class SparkSessions {
  /**
   * What every session that writes sbz's Delta tables needs: Delta's SQL extension and catalog (for
   * MERGE), and a log store for local tables whose commits exclude each other across JVMs ({@link
   * ExclusiveLocalLogStore}), so two runs that share a local storage root never lose a commit.
   * Every session gets it through {@link #withSbzSettings}, the scale-out tests' own sessions too.
   */
  public static final Map<String, String> DELTA =
      Map.of(
          "spark.sql.extensions",
          "io.delta.sql.DeltaSparkSessionExtension",
          "spark.sql.catalog.spark_catalog",
          "org.apache.spark.sql.delta.catalog.DeltaCatalog",
          ExclusiveLocalLogStore.SETTING,
          ExclusiveLocalLogStore.class.getName());

  private SparkSessions() {}

  public static SparkSession create(JobConfig config) {
    return SparkSession.builder().config(conf(config)).getOrCreate();
  }

  /**
   * The Hadoop configuration a session created from {@code conf} would give its file systems
   * ({@code spark.hadoop.*} settings, S3A credentials from the environment), built without starting
   * Spark: for a command that reads the tables in plain Java ({@link
   * org.senbonzakura.jobs.tables.KernelTableReader}).
   */
  public static Configuration hadoopConfiguration(SparkConf conf) {
    return SparkHadoopUtil.get().newConfiguration(conf);
  }

  /**
   * The session's settings: spark-submit's and the system properties' first, then the config's,
   * then {@link #withSbzSettings}.
   */
  public static SparkConf conf(JobConfig config) {
    SparkConf conf = new SparkConf(true);
    if (!conf.contains("spark.master")) {
      conf.setMaster(config.sparkMaster);
    }
    if (!conf.contains("spark.app.name")) {
      conf.setAppName(config.sparkAppName);
    }
    for (Map.Entry<String, String> e : config.sparkConf.entrySet()) {
      conf.setIfMissing(e.getKey(), e.getValue());
    }
    return withSbzSettings(conf);
  }

  /**
   * Adds to {@code conf} what every session of sbz's, the run's and a test's own alike, needs:
   * {@link #DELTA} (always: sbz's tables depend on it) and the local file system of {@link
   * LocalFileSystems} (only where {@code conf} names no other). Call it after the caller's own
   * settings, so that theirs win where they may. Returns {@code conf}.
   */
  public static SparkConf withSbzSettings(SparkConf conf) {
    DELTA.forEach(conf::set);
    LocalFileSystems.SPARK_SETTINGS.forEach(conf::setIfMissing);
    return conf;
  }
}
