/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
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

  /**
   * A well-formed request {@code id} for {@code locale} between the MARs {@code from}, {@code to}.
   */
  static Request request(String id, String locale, String from, String to) {
    Request r = new Request();
    r.setRequestId(id);
    r.setProduct("firefox");
    r.setPlatform("linux-x86_64");
    r.setLocale(locale);
    r.setFromVersion("1.0");
    r.setToVersion("2.0");
    r.setFromUrl("file:/mars/" + from);
    r.setToUrl("file:/mars/" + to);
    r.setFromSha512(from);
    r.setToSha512(to);
    r.setFormat("current");
    r.setForcedFiles(List.of());
    return r;
  }

  static Dataset<Request> requests(StageContext ctx, List<Request> requests) {
    return ctx.spark().createDataset(requests, Encoders.bean(Request.class));
  }
}
