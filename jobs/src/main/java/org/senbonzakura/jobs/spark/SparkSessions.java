/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.config.JobConfig;

/**
 * Creates the one SparkSession a run uses, with Delta Lake's SQL extensions and catalog (needed for
 * MERGE). The master comes from spark-submit when it set one, otherwise from the config ({@code
 * local[*]} by default), so the same code runs embedded and on a cluster. Spark settings given as
 * {@code spark.*} system properties (spark-submit {@code --conf}, {@code --spark-conf}) win over
 * those in the config file.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(JobConfig config) {
    SparkConf conf = new SparkConf(true);
    if (!conf.contains("spark.master")) {
      conf.setMaster(config.sparkMaster);
    }
    if (!conf.contains("spark.app.name")) {
      conf.setAppName(config.sparkAppName);
    }
    conf.set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    for (Map.Entry<String, String> e : config.sparkConf.entrySet()) {
      conf.setIfMissing(e.getKey(), e.getValue());
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
