/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.JobConfig;

/** A stage context on the shared local session and a fresh storage root, for the stage tests. */
final class StageTestSupport {
  private StageTestSupport() {}

  static StageContext context(Path root) throws Exception {
    return context(root, Map.of());
  }

  static StageContext context(Path root, Map<String, Object> extra) throws Exception {
    SparkSession spark = TestSpark.session();
    JobConfig config = TestSpark.config(root, extra);
    return StageContext.of(spark, config, "run-" + root.getFileName());
  }
}
