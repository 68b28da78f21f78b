/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.fetch.UrlPolicy;
import org.senbonzakura.jobs.requests.RequestReader;
import org.senbonzakura.jobs.storage.Storage;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;
import scala.Tuple2;

/**
 * The job: requests in, verified partials and Delta rows out, in five stages whose outputs are
 * durable and keyed by content (L1 MARs, blobs, patch cache, partials), so a re-run or a run after
 * a crash redoes nothing that finished. See docs/pipeline.md.
 */
public final class Pipeline {
  private final SparkSession spark;
  private final JobConfig config;
  private final Storage storage;
  private final String runId;
  private final int parallelism;
  private final RunStats stats = new RunStats();
  private int stages;
  private final String algorithm;
  private final String generator;
  private volatile String phase = "starting";

  public Pipeline(SparkSession spark, JobConfig config) {
    this.spark = spark;
    this.config = config;
    this.storage = new Storage(spark.sparkContext().hadoopConfiguration());
    this.runId =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(Instant.now().atOffset(ZoneOffset.UTC))
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    this.parallelism =
        config.parallelism > 0 ? config.parallelism : spark.sparkContext().defaultParallelism();
    this.algorithm = Versions.algorithm(Differs.of(config));
    this.generator = Versions.generator(algorithm);
    this.stats.generatorVersion = generator;
  }

  /**
   * Materializes a stage's output and cuts its lineage, so that later actions neither redo the
   * stage nor re-read Delta tables the run has changed since. In local mode the copy is a local
   * checkpoint. On a cluster it is Parquet under sbz.paths.tmp, read back: a local checkpoint lives
   * in the executors and is gone with a lost one (issue #6: a run must survive that), and Spark's
   * reliable checkpoint needs an empty-directory probe that some S3 stores do not answer.
   */
  private Dataset<Row> durable(Dataset<Row> ds) {
    if (spark.sparkContext().isLocal()) {
      return ds.localCheckpoint();
    }
    String dir = config.tmpDir + "/stages/" + runId + "/" + stages++;
    ds.write().parquet(dir);
    return spark.read().schema(ds.schema()).parquet(dir);
  }

  public String runId() {
    return runId;
  }

  /** The stage the run is in now (requests, fetch, explode, pairs, diff, assemble, results). */
  public String phase() {
    return phase;
  }

  /** Runs the job on the requests at {@code requestsPath}. */
  public RunStats run(String requestsPath, String format) throws IOException {
    long t0 = System.currentTimeMillis();
    int racesBefore = DeltaTables.conflictsRetried(); // the count is per JVM, not per run
    stats.runId = runId;
    stats.startedAt = new Timestamp(t0);
    log("run " + runId + ": " + String.join(", ", config.describe()));
    phase = "requests";
    // read first: a table that lacks a column stops the run before it changes anything
    Dataset<Row> read =
        new RequestReader(spark).read(requestsPath, format, new UrlPolicy(config.allowUrlPrefixes));
    List<String> added =
        TableUpgrade.addMissingColumns(spark, config.resultsTable, TableSchemas.RESULTS);
    if (!added.isEmpty()) {
      log("results table: added columns " + added);
    }
    Dataset<Row> requests = read.transform(this::durable);
    stats.requests = requests.count();
    Dataset<Row> invalid = requests.filter(col("error").isNotNull());
    Dataset<Row> valid = requests.filter(col("error").isNull());
    stats.invalid = invalid.count();
    log("requests: " + stats.requests + " read, " + stats.invalid + " malformed");
    List<Row> results = new ArrayList<>();
    for (Row r : invalid.collectAsList()) {
      results.add(
          ResultRows.build(r, ResultRows.Outcome.failed(r.getAs("error")), runId, generator));
    }

    Dataset<Row> reused = reusable(valid);
    List<Row> reusedRows = reused.collectAsList();
    results.addAll(reusedRows);
    Dataset<Row> todo = valid.join(reused.select("request_id"), seq("request_id"), "left_anti");
    log("reuse: " + reusedRows.size() + " requests already done by " + generator);

    Dataset<Row> marStatus = fetchAndExplode(todo);
    Dataset<Row> ready = attachMars(todo, marStatus, results);
    Dataset<Row> candidates = pairs(ready);
    Map<String, String> diffErrors = diff(candidates);
    results.addAll(assemble(ready, candidates, diffErrors));

    phase = "results";
    Dataset<Row> resultFrame = spark.createDataFrame(results, TableSchemas.RESULTS);
    DeltaTables.merge(
        spark,
        config.resultsTable,
        TableSchemas.RESULTS,
        resultFrame,
        TableSchemas.RESULTS_KEYS,
        true);
    for (Row r : results) {
      switch (r.getString(TableSchemas.RESULTS.fieldIndex("status"))) {
        case "done" -> stats.done++;
        case "reused" -> stats.reused++;
        case "failed" -> stats.failed++;
        default -> {}
      }
    }
    stats.wallMs = System.currentTimeMillis() - t0;
    DeltaTables.merge(
        spark,
        config.runsTable,
        TableSchemas.RUNS,
        spark.createDataFrame(List.of(stats.toRow()), TableSchemas.RUNS),
        TableSchemas.RUNS_KEYS,
        false);
    int races = DeltaTables.conflictsRetried() - racesBefore;
    if (races > 0) {
      // another run wrote the same tables at the same time; its commits won these races
      log("tables: " + races + " Delta commit races lost and retried");
    }
    return stats;
  }

  /** Requests whose earlier result, made by this generator, is done and still stored. */
  private Dataset<Row> reusable(Dataset<Row> valid) throws IOException {
    Dataset<Row> prev =
        DeltaTables.readOrEmpty(spark, config.resultsTable, TableSchemas.RESULTS)
            .filter(
                col("status")
                    .isin("done", "reused")
                    .and(col("generator_version").equalTo(generator))
                    // a partial made unsigned is not reused when signing is on, nor the reverse
                    .and(coalesce(col("signed"), lit(false)).equalTo(lit(config.signs()))));
    List<Row> candidates =
        prev.join(valid.select("request_id"), seq("request_id"), "left_semi").collectAsList();
    List<Row> out = new ArrayList<>();
    for (Row r : candidates) {
      String path = r.getAs("partial_path");
      if (path != null && storage.exists(path)) {
        String[] names = TableSchemas.RESULTS.fieldNames();
        Object[] v = new Object[names.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = r.get(r.fieldIndex(names[i]));
        }
        v[TableSchemas.RESULTS.fieldIndex("status")] = "reused";
        v[TableSchemas.RESULTS.fieldIndex("run_id")] = runId;
        v[TableSchemas.RESULTS.fieldIndex("updated_at")] =
            new Timestamp(System.currentTimeMillis());
        out.add(RowFactory.create(v));
      }
    }
    return spark.createDataFrame(out, TableSchemas.RESULTS);
  }

  /** Stages 1 and 2: every distinct MAR into L1, then exploded once into blobs and tables. */
  private Dataset<Row> fetchAndExplode(Dataset<Row> todo) {
    phase = "fetch";
    long t = System.currentTimeMillis();
    Dataset<Row> refs =
        todo.select(col("from_sha512").as("sha"), col("from_url").as("url"))
            .union(todo.select(col("to_sha512").as("sha"), col("to_url").as("url")))
            .groupBy("sha")
            .agg(array_sort(collect_set("url")).as("urls")) // every mirror of the MAR
            .repartition(parallelism);
    Dataset<Row> fetched =
        refs.mapPartitions(new FetchTask(config, storage), Encoders.row(FetchTask.SCHEMA))
            .transform(this::durable);
    stats.distinctMars = fetched.count();
    stats.l1Hits = fetched.filter(col("l1_hit")).count();
    stats.marsFetched =
        fetched.filter(col("fetch_error").isNull().and(col("l1_hit").equalTo(false))).count();
    stats.fetchMs = System.currentTimeMillis() - t;
    log(
        "fetch: "
            + stats.distinctMars
            + " distinct MARs, "
            + stats.l1Hits
            + " already in L1, "
            + stats.marsFetched
            + " fetched, "
            + fetched.filter(col("fetch_error").isNotNull()).count()
            + " failed ("
            + stats.fetchMs
            + " ms)");

    phase = "explode";
    t = System.currentTimeMillis();
    Dataset<Row> known =
        DeltaTables.readOrEmpty(spark, config.marsTable, TableSchemas.MARS)
            .filter(col("status").equalTo("ok"))
            .select("mar_sha512");
    Dataset<Row> toExplode =
        fetched.filter(col("fetch_error").isNull()).join(known, seq("mar_sha512"), "left_anti");
    Dataset<Row> exploded =
        toExplode
            .repartition(parallelism)
            .mapPartitions(
                new ExplodeTask(config, storage, runId), Encoders.row(ExplodeTask.SCHEMA))
            .transform(this::durable);
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
    stats.fileRows = files.count();
    DeltaTables.merge(
        spark,
        config.marFilesTable,
        TableSchemas.MAR_FILES,
        files,
        TableSchemas.MAR_FILES_KEYS,
        true);
    DeltaTables.merge(
        spark,
        config.marsTable,
        TableSchemas.MARS,
        exploded.drop("files"),
        TableSchemas.MARS_KEYS,
        true);
    stats.explodeMs = System.currentTimeMillis() - t;
    log(
        "explode: "
            + n
            + " MARs exploded ("
            + exploded.filter(col("status").equalTo("failed")).count()
            + " refused), "
            + stats.fileRows
            + " file rows ("
            + stats.explodeMs
            + " ms)");
    Dataset<Row> mars = DeltaTables.readOrEmpty(spark, config.marsTable, TableSchemas.MARS);
    return fetched
        .join(mars, seq("mar_sha512"), "left")
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
        .transform(this::durable);
  }

  /**
   * Joins each request with its two MARs; requests whose MAR failed get their failed result now,
   * the others come back with both file lists.
   */
  private Dataset<Row> attachMars(Dataset<Row> todo, Dataset<Row> marStatus, List<Row> results) {
    Dataset<Row> from =
        marStatus.select(
            col("mar_sha512").as("from_sha512"),
            col("l1_hit").as("from_l1_hit"),
            col("mar_error").as("from_error"),
            col("build_id").as("from_build_id"));
    Dataset<Row> to =
        marStatus.select(
            col("mar_sha512").as("to_sha512"),
            col("l1_hit").as("to_l1_hit"),
            col("mar_error").as("to_error"),
            col("build_id").as("to_build_id"),
            col("product_version").as("to_mar_version"),
            col("mar_channel").as("to_mar_channel"));
    Dataset<Row> joined =
        todo.join(from, seq("from_sha512"), "left")
            .join(to, seq("to_sha512"), "left")
            .withColumn(
                "l1_hits",
                when(col("from_l1_hit"), 1)
                    .otherwise(0)
                    .plus(when(col("to_l1_hit"), 1).otherwise(0)))
            .withColumn("l1_misses", lit(2).minus(col("l1_hits")))
            .withColumn("fetch_ms", lit(stats.fetchMs))
            .withColumn("explode_ms", lit(stats.explodeMs))
            .transform(this::durable);
    for (Row r :
        joined
            .filter(col("from_error").isNotNull().or(col("to_error").isNotNull()))
            .collectAsList()) {
      String e =
          r.getAs("from_error") != null
              ? "from MAR: " + r.getAs("from_error")
              : "to MAR: " + r.getAs("to_error");
      results.add(ResultRows.build(r, ResultRows.Outcome.failed(e), runId, generator));
    }
    Dataset<Row> listings =
        DeltaTables.readOrEmpty(spark, config.marFilesTable, TableSchemas.MAR_FILES)
            .join(marStatus.select("mar_sha512"), seq("mar_sha512"), "left_semi")
            .groupBy("mar_sha512")
            .agg(
                collect_list(
                        struct(
                            col("path"),
                            col("mode"),
                            col("size"),
                            col("sha256"),
                            col("entry_sha256"),
                            col("entry_size"),
                            col("entry_format")))
                    .as("files"));
    String channel = config.marChannelId;
    return joined
        .filter(col("from_error").isNull().and(col("to_error").isNull()))
        .join(
            listings.select(col("mar_sha512").as("from_sha512"), col("files").as("from_files")),
            seq("from_sha512"))
        .join(
            listings.select(col("mar_sha512").as("to_sha512"), col("files").as("to_files")),
            seq("to_sha512"))
        .withColumn("mar_channel_id", channel.isEmpty() ? col("to_mar_channel") : lit(channel))
        .transform(this::durable);
  }

  /** Stage 3: the changed pairs of every request, and their distinct set (a shuffle). */
  private Dataset<Row> pairs(Dataset<Row> ready) {
    phase = "pairs";
    long t = System.currentTimeMillis();
    Dataset<Row> candidates =
        ready
            .flatMap(new CandidateTask(algorithm), Encoders.row(CandidateTask.SCHEMA))
            .transform(this::durable);
    stats.changedPairs = candidates.count();
    stats.pairsMs = System.currentTimeMillis() - t;
    return candidates;
  }

  /** Stage 4: diffs only the distinct pairs missing from the patch cache, largest first. */
  private Map<String, String> diff(Dataset<Row> candidates) {
    phase = "diff";
    long t = System.currentTimeMillis();
    Dataset<Row> distinct =
        candidates
            .groupBy("old_sha256", "new_sha256", "algorithm_version")
            .agg(
                max("old_size").as("old_size"),
                max("new_size").as("new_size"),
                max("full_size").as("full_size"));
    // a cached patch serves every request; a cached "full wins" verdict only requests whose full
    // entry is no larger than the one it was given (else the pair is diffed again, against the
    // largest full size of this run, and its row replaced)
    Dataset<Row> cached =
        DeltaTables.readOrEmpty(spark, config.patchCacheTable, TableSchemas.PATCH_CACHE)
            .select(
                col("old_sha256"),
                col("new_sha256"),
                col("algorithm_version"),
                col("outcome"),
                col("full_size").as("cached_full_size"));
    Dataset<Row> missing =
        distinct
            .join(cached, seq("old_sha256", "new_sha256", "algorithm_version"), "left")
            .filter(
                col("outcome")
                    .isNull()
                    .or(
                        col("outcome")
                            .equalTo("full")
                            .and(
                                col("cached_full_size")
                                    .isNull()
                                    .or(col("cached_full_size").lt(col("full_size"))))))
            .drop("outcome", "cached_full_size");
    List<Row> todo = new ArrayList<>(missing.collectAsList());
    stats.distinctPairs = distinct.count();
    stats.cacheHits = stats.distinctPairs - todo.size();
    todo.sort(
        Comparator.comparingLong((Row r) -> -(Rows.lng(r, "old_size") + Rows.lng(r, "new_size"))));
    List<Tuple2<Integer, String[]>> keyed = new ArrayList<>();
    int slots = Math.max(1, Math.min(parallelism, todo.size()));
    for (int i = 0; i < todo.size(); i++) {
      keyed.add(new Tuple2<>(i % slots, DiffTask.Pair.of(todo.get(i)).encode()));
    }
    Map<String, String> errors = new java.util.HashMap<>();
    if (!todo.isEmpty()) {
      JavaPairRDD<Integer, String[]> spread =
          JavaPairRDD.fromJavaRDD(
                  new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext())
                      .parallelize(keyed, slots))
              .partitionBy(new HashPartitioner(slots));
      List<Row> diffed = spread.mapPartitions(new DiffTask(config, storage, runId)).collect();
      List<Row> ok = new ArrayList<>();
      for (Row r : diffed) {
        int error = r.length() - 1; // rows from an RDD carry no schema
        if (r.isNullAt(error)) {
          ok.add(RowFactory.create(java.util.Arrays.copyOf(rowValues(r), error)));
        } else {
          errors.put(r.getString(0) + "-" + r.getString(1), r.getString(error));
        }
      }
      stats.diffsComputed = ok.size();
      stats.diffsFailed = errors.size();
      DeltaTables.merge(
          spark,
          config.patchCacheTable,
          TableSchemas.PATCH_CACHE,
          spark.createDataFrame(ok, TableSchemas.PATCH_CACHE),
          TableSchemas.PATCH_CACHE_KEYS,
          true);
    }
    stats.diffMs = System.currentTimeMillis() - t;
    log(
        "pairs: "
            + stats.changedPairs
            + " changed pairs in all requests, "
            + stats.distinctPairs
            + " distinct, "
            + stats.cacheHits
            + " in the patch cache; diff: "
            + stats.diffsComputed
            + " computed, "
            + stats.diffsFailed
            + " failed ("
            + stats.diffMs
            + " ms)");
    return errors;
  }

  /** Stage 5: every ready request assembled, verified and published. */
  private List<Row> assemble(
      Dataset<Row> ready, Dataset<Row> candidates, Map<String, String> diffErrors) {
    phase = "assemble";
    long t = System.currentTimeMillis();
    Dataset<Row> cache =
        DeltaTables.readOrEmpty(spark, config.patchCacheTable, TableSchemas.PATCH_CACHE)
            .select(
                col("old_sha256"),
                col("new_sha256"),
                col("algorithm_version"),
                col("outcome"),
                col("patch_path"),
                col("patch_size"),
                col("full_size").as("cached_full_size"),
                col("run_id").as("cache_run_id"));
    List<Row> errRows = new ArrayList<>();
    for (Map.Entry<String, String> e : diffErrors.entrySet()) {
      String[] k = e.getKey().split("-");
      errRows.add(RowFactory.create(k[0], k[1], e.getValue()));
    }
    Dataset<Row> errs =
        spark.createDataFrame(
            errRows,
            new org.apache.spark.sql.types.StructType()
                .add("old_sha256", "string")
                .add("new_sha256", "string")
                .add("pair_error", "string"));
    Dataset<Row> perRequest =
        candidates
            .join(cache, seq("old_sha256", "new_sha256", "algorithm_version"), "left")
            .join(errs, seq("old_sha256", "new_sha256"), "left")
            .groupBy("request_id")
            .agg(
                // a patch, or a "full wins" verdict (no path, the full size it holds for)
                collect_list(
                        when(
                                col("patch_path").isNotNull(),
                                struct(col("path"), col("patch_path"), col("patch_size")))
                            .when(
                                col("outcome").equalTo("full"),
                                struct(
                                    col("path"),
                                    lit(null).cast("string").as("patch_path"),
                                    col("cached_full_size").as("patch_size"))))
                    .as("patches"),
                first(col("pair_error"), true).as("diff_error"),
                sum(when(col("cache_run_id").isNull().or(col("cache_run_id").equalTo(runId)), 0)
                        .otherwise(1))
                    .cast("int")
                    .as("l2_hits"),
                sum(when(col("cache_run_id").equalTo(runId), 1).otherwise(0))
                    .cast("int")
                    .as("l2_misses"));
    Dataset<Row> jobs =
        ready
            .join(perRequest, seq("request_id"), "left")
            .withColumn("diff_ms", lit(stats.diffMs))
            .repartition(parallelism);
    List<Row> out =
        jobs.mapPartitions(
                new AssembleTask(config, storage, runId, generator),
                Encoders.row(TableSchemas.RESULTS))
            .collectAsList();
    stats.assembleMs = System.currentTimeMillis() - t;
    int status = TableSchemas.RESULTS.fieldIndex("status");
    long failed = out.stream().filter(r -> "failed".equals(r.getString(status))).count();
    long adopted = out.stream().filter(r -> "reused".equals(r.getString(status))).count();
    log(
        "assemble: "
            + (out.size() - failed - adopted)
            + " partials verified and stored, "
            + adopted
            + " found already published, "
            + failed
            + " failed ("
            + stats.assembleMs
            + " ms)");
    return out;
  }

  private static Object[] rowValues(Row r) {
    Object[] v = new Object[r.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.get(i);
    }
    return v;
  }

  private static scala.collection.Seq<String> seq(String... names) {
    return Rows.seq(List.of(names));
  }

  private static void log(String line) {
    System.err.println("sbz: " + line);
  }
}
