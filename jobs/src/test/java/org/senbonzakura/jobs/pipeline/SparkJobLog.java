/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark jobs started while it is open: each job's description (Delta names its MERGE jobs
 * "MERGE operation - …") and its stages' names (the call site, e.g. "first at FetchStage.java:66").
 * For tests that a step runs no job of a kind at all.
 */
final class SparkJobLog extends SparkListener implements AutoCloseable {
  private final SparkSession spark;
  private final List<String> jobs = Collections.synchronizedList(new ArrayList<>());

  SparkJobLog(SparkSession spark) {
    this.spark = spark;
    spark.sparkContext().addSparkListener(this);
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    StringBuilder s = new StringBuilder();
    String description =
        start.properties() == null ? null : start.properties().getProperty("spark.job.description");
    s.append(description == null ? "" : description);
    scala.collection.Iterator<org.apache.spark.scheduler.StageInfo> it =
        start.stageInfos().iterator();
    while (it.hasNext()) {
      s.append(" | ").append(it.next().name());
    }
    jobs.add(s.toString());
  }

  /** The jobs started so far whose description or stage names contain {@code text}. */
  List<String> containing(String text) throws TimeoutException {
    // the listener bus delivers events asynchronously: wait until it has caught up
    spark.sparkContext().listenerBus().waitUntilEmpty(30_000);
    synchronized (jobs) {
      return jobs.stream().filter(j -> j.contains(text)).toList();
    }
  }

  @Override
  public void close() {
    spark.sparkContext().removeSparkListener(this);
  }
}
