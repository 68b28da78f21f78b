/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import java.sql.Timestamp;
import org.apache.spark.sql.Row;

/** The columns of a results row the API shows (see docs/pipeline.md, table {@code results}). */
public record Result(
    String id,
    String status,
    String error,
    String product,
    String platform,
    String locale,
    String fromVersion,
    String toVersion,
    String partialPath,
    Long partialSize,
    String partialSha512,
    String fromBuildId,
    String toBuildId,
    String generatorVersion,
    String runId,
    Timestamp updatedAt) {

  public static Result of(Row r) {
    return new Result(
        r.getAs("request_id"),
        r.getAs("status"),
        r.getAs("error"),
        r.getAs("product"),
        r.getAs("platform"),
        r.getAs("locale"),
        r.getAs("from_version"),
        r.getAs("to_version"),
        r.getAs("partial_path"),
        r.getAs("partial_size"),
        r.getAs("partial_sha512"),
        r.getAs("from_build_id"),
        r.getAs("to_build_id"),
        r.getAs("generator_version"),
        r.getAs("run_id"),
        r.getAs("updated_at"));
  }

  /** True for a partial that was made (done now, or reused from an earlier run). */
  public boolean built() {
    return "done".equals(status) || "reused".equals(status);
  }
}
