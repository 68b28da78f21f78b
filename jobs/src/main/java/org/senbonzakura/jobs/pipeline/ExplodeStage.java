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
import org.senbonzakura.jobs.tables.TableRecords;
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

  /**
   * MARs exploded now, of them refused by the reader, file rows written, Delta commit races lost
   * and retried; wall time.
   */
  record Stats(long exploded, long refused, long fileRows, int racesRetried, long ms) {}

  /**
   * @param mars the state of each MAR of {@code fetched}, usable or why not
   */
  record Output(Dataset<MarState> mars, Stats stats) {}

  private final StageContext ctx;

  ExplodeStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /** {@code fetched}: the fetch stage's records. */
  Output run(Dataset<FetchedMar> fetched) {
    long start = System.nanoTime();
    var config = ctx.config();
    Dataset<Row> known =
        DeltaTables.readOrEmpty(ctx.spark(), config.marsTable, TableSchemas.MARS)
            .filter(col("status").equalTo("ok"))
            .select(col("mar_sha512").as("marSha512"));
    Dataset<FetchedMar> toExplode =
        fetched
            .filter(col("fetchError").isNull())
            .join(known, StageContext.seq("marSha512"), "left_anti")
            .as(Encoders.bean(FetchedMar.class));
    Dataset<MarRecord> exploded =
        toExplode
            .repartition(ctx.parallelism())
            .mapPartitions(
                new ExplodeTask(config, ctx.storage(), ctx.runId()), Encoders.bean(MarRecord.class))
            .transform(ctx::durable);
    long n = exploded.count();
    Dataset<Row> files =
        exploded
            .filter(col("status").equalTo("ok"))
            .select(col("marSha512"), org.apache.spark.sql.functions.explode(col("files")).as("f"))
            .select(col("marSha512"), col("f.*"));
    long fileRows = files.count();
    DeltaTables.Written written =
        DeltaTables.merge(
                ctx.spark(),
                config.marFilesTable,
                TableSchemas.MAR_FILES,
                TableRecords.toTable(files, TableSchemas.MAR_FILES),
                TableSchemas.MAR_FILES_KEYS,
                true)
            .plus(
                DeltaTables.merge(
                    ctx.spark(),
                    config.marsTable,
                    TableSchemas.MARS,
                    TableRecords.toTable(exploded, TableSchemas.MARS),
                    TableSchemas.MARS_KEYS,
                    true));
    long ms = StageContext.msSince(start);
    long refused = exploded.filter(col("status").equalTo("failed")).count();
    LOG.info(
        "explode: {} MARs exploded ({} refused), {} file rows ({} ms)", n, refused, fileRows, ms);
    Dataset<Row> mars =
        TableRecords.properties(
            DeltaTables.readOrEmpty(ctx.spark(), config.marsTable, TableSchemas.MARS));
    Dataset<MarState> status =
        fetched
            .join(mars, StageContext.seq("marSha512"), "left")
            .select(
                col("marSha512"),
                col("l1Hit"),
                when(col("fetchError").isNotNull(), col("fetchError"))
                    .when(col("status").isNull(), lit("MAR was not exploded"))
                    .when(col("status").equalTo("failed"), col("error"))
                    .as("marError"),
                col("productVersion"),
                col("marChannel"),
                col("buildId"))
            .as(Encoders.bean(MarState.class))
            .transform(ctx::durable);
    return new Output(status, new Stats(n, refused, fileRows, written.racesRetried(), ms));
  }
}
