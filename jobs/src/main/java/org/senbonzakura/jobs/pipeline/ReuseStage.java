/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage "reuse", right after requests: a request whose earlier result was made by this generator
 * (and signer setting), is done, and whose partial is still stored is not computed again; its row
 * is rewritten as {@code reused} with this run's id. This is what makes a re-run do no redone work.
 */
final class ReuseStage {
  private static final Logger LOG = LoggerFactory.getLogger(ReuseStage.class);

  /**
   * @param todo the valid requests still to compute
   * @param reused their results rows ({@code status = reused}), one per reused request
   */
  record Output(Dataset<Row> todo, List<Row> reused) {}

  private final StageContext ctx;

  ReuseStage(StageContext ctx) {
    this.ctx = ctx;
  }

  Output run(Dataset<Row> valid) throws IOException {
    Dataset<Row> prev =
        DeltaTables.readOrEmpty(ctx.spark(), ctx.config().resultsTable, TableSchemas.RESULTS)
            .filter(
                col("status")
                    .isin("done", "reused")
                    .and(col("generator_version").equalTo(ctx.generator()))
                    // a partial made unsigned is not reused when signing is on, nor the reverse
                    .and(coalesce(col("signed"), lit(false)).equalTo(lit(ctx.config().signs()))));
    List<Row> candidates =
        prev.join(valid.select("request_id"), StageContext.seq("request_id"), "left_semi")
            .collectAsList();
    List<Row> out = new ArrayList<>();
    for (Row r : candidates) {
      String path = r.getAs("partial_path");
      if (path != null && ctx.storage().exists(path)) {
        String[] names = TableSchemas.RESULTS.fieldNames();
        Object[] v = new Object[names.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = r.get(r.fieldIndex(names[i]));
        }
        v[TableSchemas.RESULTS.fieldIndex("status")] = "reused";
        v[TableSchemas.RESULTS.fieldIndex("run_id")] = ctx.runId();
        v[TableSchemas.RESULTS.fieldIndex("updated_at")] =
            new Timestamp(System.currentTimeMillis());
        out.add(RowFactory.create(v));
      }
    }
    Dataset<Row> reused = ctx.spark().createDataFrame(out, TableSchemas.RESULTS);
    Dataset<Row> todo =
        valid.join(reused.select("request_id"), StageContext.seq("request_id"), "left_anti");
    LOG.info("reuse: {} requests already done by {}", out.size(), ctx.generator());
    return new Output(todo, out);
  }
}
