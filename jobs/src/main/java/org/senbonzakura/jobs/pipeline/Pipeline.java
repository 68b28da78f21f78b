/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.fetch.UrlPolicy;
import org.senbonzakura.jobs.requests.RequestReader;
import org.senbonzakura.jobs.tables.TableSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job: requests in, verified partials and Delta rows out. It only wires the stages together,
 * each a class of its own that takes and returns Datasets and its statistics as a value: requests →
 * reuse → fetch → explode → attach → pair → dedup → diff → assemble (verify, publish) → results
 * (docs/architecture.md). Every stage's durable output is keyed by content (L1 MARs, blobs, patch
 * cache, partials), so a re-run or a run after a crash redoes nothing that finished. See
 * docs/pipeline.md.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final SparkSession spark;
  private final JobConfig config;
  private final StageContext ctx;
  private volatile String phase = "starting";

  public Pipeline(SparkSession spark, JobConfig config) {
    this.spark = spark;
    this.config = config;
    String runId =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(Instant.now().atOffset(ZoneOffset.UTC))
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    this.ctx = StageContext.of(spark, config, runId);
  }

  public String runId() {
    return ctx.runId();
  }

  /** The stage the run is in now (requests, fetch, explode, pairs, diff, assemble, results). */
  public String phase() {
    return phase;
  }

  /** Runs the job on the requests at {@code requestsPath}. */
  public RunStats run(String requestsPath, String format) throws IOException {
    long t0 = System.currentTimeMillis();
    LOG.info("run {}: {}", ctx.runId(), String.join(", ", config.describe()));
    phase = "requests";
    // read first: a table that lacks a column stops the run before it changes anything
    Dataset<Row> read =
        new RequestReader(spark).read(requestsPath, format, new UrlPolicy(config.allowUrlPrefixes));
    List<String> added =
        TableUpgrade.addMissingColumns(spark, config.resultsTable, TableSchemas.RESULTS);
    if (!added.isEmpty()) {
      LOG.info("results table: added columns {}", added);
    }
    RunTables tables = RunTables.start(spark, config);
    RequestsStage.Output requests = new RequestsStage(ctx).run(read);
    ReuseStage.Output reuse = new ReuseStage(ctx).run(requests.valid());

    // a run whose every valid request is reused (a re-run) has nothing for the stages below: it
    // skips them instead of paying their table reads and Spark jobs on empty inputs
    boolean nothingToCompute =
        requests.stats().requests() - requests.stats().invalid() == reuse.count();
    if (nothingToCompute) {
      LOG.info("every valid request is reused: fetch, explode, pairs, diff and assemble skipped");
    }
    Computed computed;
    if (nothingToCompute) {
      tables.await();
      computed =
          new Computed(
              ComputeStats.none(), spark.createDataset(List.of(), Encoders.bean(Result.class)));
    } else {
      computed = compute(reuse.todo(), tables); // awaits the tables before its first write
    }

    phase = "results";
    Dataset<Result> results =
        requests.failed().unionByName(reuse.reused()).unionByName(computed.results());
    ResultsStage recorder = new ResultsStage(ctx);
    ResultsStage.Stats outcome = recorder.record(results);
    RunStats stats =
        RunStats.of(
            ctx.runId(),
            new Timestamp(t0),
            System.currentTimeMillis() - t0,
            ctx.generator(),
            requests.stats(),
            computed.stats(),
            outcome);
    int races =
        computed.stats().explode().racesRetried()
            + computed.stats().diff().racesRetried()
            + outcome.racesRetried()
            + recorder.recordRun(stats);
    if (races > 0) {
      // another run wrote the same tables at the same time; its commits won these races
      LOG.info("tables: {} Delta commit races lost and retried", races);
    }
    return stats;
  }

  /** The stages from fetch to assemble: their statistics and their results records. */
  private record Computed(ComputeStats stats, Dataset<Result> results) {}

  /** Runs fetch → explode → attach → pair → dedup → diff → assemble on {@code todo}. */
  private Computed compute(Dataset<Request> todo, RunTables tables) {
    phase = "fetch";
    tables.loadForCompute();
    FetchStage.Output fetch = new FetchStage(ctx).run(todo);
    tables.await(); // explode writes the first of them
    phase = "explode";
    ExplodeStage.Output explode = new ExplodeStage(ctx).run(fetch.fetched());
    AttachStage.Output attach =
        new AttachStage(ctx)
            .run(todo, explode.mars(), explode.files(), fetch.stats().ms(), explode.stats().ms());
    phase = "pairs";
    PairStage.Output pair = new PairStage(ctx).run(attach.ready());
    DedupStage.Output dedup = new DedupStage(ctx).run(pair.candidates());
    phase = "diff";
    DiffStage.Output diff = new DiffStage(ctx).run(dedup.missing(), dedup.cached());
    phase = "assemble";
    AssembleStage.Output assemble =
        new AssembleStage(ctx)
            .run(
                attach.ready(),
                pair.candidates(),
                diff.patches(),
                diff.errors(),
                diff.stats().ms());
    return new Computed(
        new ComputeStats(
            fetch.stats(),
            explode.stats(),
            pair.stats(),
            dedup.stats(),
            diff.stats(),
            assemble.stats()),
        attach.failed().unionByName(assemble.results()));
  }
}
