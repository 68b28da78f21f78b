/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.pipeline.Pipeline;
import org.senbonzakura.jobs.pipeline.RunStats;

/**
 * {@code sbz.serve.runner = session}: the pipeline on the service's own long-lived SparkSession, so
 * a small batch pays no JVM or Spark start-up and its phase is known as it goes.
 */
final class SessionLauncher implements PipelineLauncher {
  private final SparkSession spark;
  private final JobConfig config;

  SessionLauncher(SparkSession spark, JobConfig config) {
    this.spark = spark;
    this.config = config;
  }

  @Override
  public RunStats launch(String requestsFile, Consumer<Supplier<String>> phase) throws IOException {
    Pipeline pipeline = new Pipeline(spark, config);
    phase.accept(pipeline::phase);
    return pipeline.run(requestsFile, "json");
  }
}
