/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.pipeline.RunStats;

/**
 * Runs the unchanged pipeline once on a requests file, somewhere: the {@link BatchRunner} around it
 * writes the file and reads the results back from the shared tables, so a launcher only decides
 * where the run happens ({@code sbz.serve.runner}).
 */
public interface PipelineLauncher {

  /**
   * Runs the pipeline on the JSON-lines requests at {@code requestsFile}; {@code phase} is given,
   * once the run starts, what tells its current phase. Returns the run's counters only when the run
   * completed (with or without failed requests); any other end is an exception, and the caller
   * leaves the batch queued.
   */
  RunStats launch(String requestsFile, Consumer<Supplier<String>> phase) throws IOException;

  /** The launcher the settings choose. */
  static PipelineLauncher of(SparkSession spark, JobConfig config, ServeSettings settings) {
    return switch (settings.runner()) {
      case SESSION -> new SessionLauncher(spark, config);
      case SUBMIT -> new SubmitLauncher(spark, config, settings.submit());
    };
  }
}
