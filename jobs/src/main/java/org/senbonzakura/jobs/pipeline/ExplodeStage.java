/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
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
   * @param files the {@code mar_files} rows (in record-style column names) of every MAR exploded
   *     now or before: the ones this stage wrote from its own records, the others read from the
   *     table, which is not read at all when every MAR of the run was exploded now
   */
  record Output(Dataset<MarState> mars, Dataset<Row> files, Stats stats) {}

  private final StageContext ctx;

  ExplodeStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /** {@code fetched}: the fetch stage's records. */
  Output run(Dataset<FetchedMar> fetched) {
    long start = System.nanoTime();
    var config = ctx.config();
    // the mars rows of this run's MARs as the table holds them before the stage, read once: the
    // state returned below is built from them and this stage's own rows, never from a read-back
    Dataset<Row> before =
        TableRecords.properties(
                DeltaTables.readOrEmpty(ctx.spark(), config.marsTable, TableSchemas.MARS))
            .join(fetched.select("marSha512"), StageContext.seq("marSha512"), "left_semi")
            .select(STATE_COLUMNS)
            .transform(ctx::durableNow);
    Dataset<FetchedMar> toExplode =
        fetched
            .filter(col("fetchError").isNull())
            .join(
                before.filter(col("status").equalTo("ok")).select("marSha512"),
                StageContext.seq("marSha512"),
                "left_anti")
            .as(Encoders.bean(FetchedMar.class));
    Dataset<MarRecord> exploded =
        toExplode
            .repartition(ctx.parallelism())
            .mapPartitions(
                new ExplodeTask(config, ctx.storage(), ctx.runId()), Encoders.bean(MarRecord.class))
            .transform(ctx::durable);
    // one job for the three counts
    Row counts =
        exploded
            .agg(
                count(lit(1)),
                sum(when(col("status").equalTo("failed"), 1L).otherwise(0L)),
                sum(when(col("status").equalTo("ok"), size(col("files"))).otherwise(0)))
            .first();
    long n = counts.getLong(0);
    long refused = StageContext.orZero(counts, 1);
    long fileRows = StageContext.orZero(counts, 2);
    Dataset<Row> files =
        exploded
            .filter(col("status").equalTo("ok"))
            .select(col("marSha512"), org.apache.spark.sql.functions.explode(col("files")).as("f"))
            .select(col("marSha512"), col("f.*"));
    DeltaTables.Written written = new DeltaTables.Written(0);
    if (n > 0) { // nothing exploded, nothing to commit: a run of known MARs writes neither table
      written =
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
    }
    long ms = StageContext.msSince(start);
    LOG.info(
        "explode: {} MARs exploded ({} refused), {} file rows ({} ms)", n, refused, fileRows, ms);
    Dataset<Row> now = exploded.select(STATE_COLUMNS);
    Dataset<Row> state =
        now.unionByName(
            before.join(now.select("marSha512"), StageContext.seq("marSha512"), "left_anti"));
    Dataset<MarState> status =
        fetched
            .join(state, StageContext.seq("marSha512"), "left")
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
            // made now, while this plan is alive: checkpointed lazily, it was first computed
            // inside a later stage's broadcast, after its plan's metrics had been collected, and
            // Spark logged "Failed to update accumulator" errors (2 of 7 quiet runs; 0 of 7 made
            // now; docs/benchmarks.md, "Session 15")
            .transform(ctx::durableNow);
    return new Output(
        status,
        listings(files, before),
        new Stats(n, refused, fileRows, written.racesRetried(), ms));
  }

  /**
   * The file rows of the run's usable MARs: those exploded now from {@code files}, those exploded
   * before from the table. The earlier MARs are named to the driver (one row each) so that a run
   * that has none skips the table, and a run that has some reads only their rows (Delta skips the
   * table's files whose key range holds none of them).
   */
  private Dataset<Row> listings(Dataset<Row> files, Dataset<Row> before) {
    Dataset<Row> now = TableRecords.properties(TableRecords.toTable(files, TableSchemas.MAR_FILES));
    List<String> known =
        before
            .filter(col("status").equalTo("ok"))
            .select("marSha512")
            .as(Encoders.STRING())
            .collectAsList();
    if (known.isEmpty()) {
      return now;
    }
    Dataset<Row> earlier =
        TableRecords.properties(
            DeltaTables.readOrEmpty(ctx.spark(), ctx.config().marFilesTable, TableSchemas.MAR_FILES)
                .filter(col("mar_sha512").isin(known.toArray())));
    return now.unionByName(earlier);
  }

  /** What the state of a MAR is made of, in the {@code mars} table and in {@link MarRecord}. */
  private static final Column[] STATE_COLUMNS = {
    col("marSha512"),
    col("status"),
    col("error"),
    col("productVersion"),
    col("marChannel"),
    col("buildId")
  };
}
