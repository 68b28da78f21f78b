/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage "explode": each fetched MAR not yet in the {@code mars} table is exploded once ({@link
 * ExplodeTask}: file bytes into the blob store), and its rows MERGEd into {@code mar_files} and
 * {@code mars} as soon as the stage ends, so a run killed later does not explode it again. Returns
 * the state of every MAR of the run, exploded now or before, with the reason a MAR is unusable.
 */
final class ExplodeStage {
  private static final Logger LOG = LoggerFactory.getLogger(ExplodeStage.class);

  /** MARs exploded now, of them refused by the reader, file rows written; wall time. */
  record Stats(long exploded, long refused, long fileRows, long ms) {}

  /**
   * @param mars one row per MAR of {@code fetched}: {@code mar_sha512, l1_hit, mar_error} (null if
   *     usable), {@code product_version, mar_channel, build_id}
   */
  record Output(Dataset<Row> mars, Stats stats) {}

  private final StageContext ctx;

  ExplodeStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /** {@code fetched}: the fetch stage's rows. */
  Output run(Dataset<Row> fetched) {
    long start = System.nanoTime();
    var config = ctx.config();
    Dataset<Row> known =
        DeltaTables.readOrEmpty(ctx.spark(), config.marsTable, TableSchemas.MARS)
            .filter(col("status").equalTo("ok"))
            .select("mar_sha512");
    Dataset<Row> toExplode =
        fetched
            .filter(col("fetch_error").isNull())
            .join(known, StageContext.seq("mar_sha512"), "left_anti");
    Dataset<Row> exploded =
        toExplode
            .repartition(ctx.parallelism())
            .mapPartitions(
                new ExplodeTask(config, ctx.storage(), ctx.runId()),
                Encoders.row(ExplodeTask.SCHEMA))
            .transform(ctx::durable);
    long n = exploded.count();
    Dataset<Row> files =
        exploded
            .filter(col("status").equalTo("ok"))
            .select(col("mar_sha512"), org.apache.spark.sql.functions.explode(col("files")).as("f"))
            .select(
                col("mar_sha512"),
                col("f.path"),
                col("f.mode"),
                col("f.size"),
                col("f.sha256"),
                col("f.entry_sha256"),
                col("f.entry_size"),
                col("f.entry_format"));
    long fileRows = files.count();
    DeltaTables.merge(
        ctx.spark(),
        config.marFilesTable,
        TableSchemas.MAR_FILES,
        files,
        TableSchemas.MAR_FILES_KEYS,
        true);
    DeltaTables.merge(
        ctx.spark(),
        config.marsTable,
        TableSchemas.MARS,
        exploded.drop("files"),
        TableSchemas.MARS_KEYS,
        true);
    long ms = StageContext.msSince(start);
    long refused = exploded.filter(col("status").equalTo("failed")).count();
    LOG.info(
        "explode: {} MARs exploded ({} refused), {} file rows ({} ms)", n, refused, fileRows, ms);
    Dataset<Row> mars = DeltaTables.readOrEmpty(ctx.spark(), config.marsTable, TableSchemas.MARS);
    Dataset<Row> status =
        fetched
            .join(mars, StageContext.seq("mar_sha512"), "left")
            .select(
                col("mar_sha512"),
                col("l1_hit"),
                when(col("fetch_error").isNotNull(), col("fetch_error"))
                    .when(col("status").isNull(), lit("MAR was not exploded"))
                    .when(col("status").equalTo("failed"), col("error"))
                    .as("mar_error"),
                col("product_version"),
                col("mar_channel"),
                col("build_id"))
            .transform(ctx::durable);
    return new Output(status, new Stats(n, refused, fileRows, ms));
  }
}
