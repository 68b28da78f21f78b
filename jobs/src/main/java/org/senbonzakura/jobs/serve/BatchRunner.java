/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.pipeline.Pipeline;
import org.senbonzakura.jobs.pipeline.RunStats;
import org.senbonzakura.jobs.storage.Storage;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.QueueTable;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * Runs the pipeline on a micro-batch of queued requests: writes them as a JSON-lines requests file
 * under {@code sbz.paths.tmp}, has its {@link PipelineLauncher} run the unchanged {@link Pipeline}
 * on it (same tables, storage, verification and idempotence as {@code sbz run}), and reads back the
 * batch's results rows from the shared results table. The caller only then marks their queue rows
 * {@code processed} ({@link QueueTable#markProcessed}). A crash or failed run anywhere leaves them
 * {@code queued}; the next batch runs them again and the pipeline reuses what the failed run
 * published.
 */
public final class BatchRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one batch did; {@code stats.runId} is the run that made it. */
  public record Outcome(RunStats stats, List<Result> results) {}

  private final SparkSession spark;
  private final JobConfig config;
  private final PipelineLauncher launcher;

  public BatchRunner(SparkSession spark, JobConfig config, PipelineLauncher launcher) {
    this.spark = spark;
    this.config = config;
    this.launcher = launcher;
  }

  /** Runs the batch; {@code phase} is given, once the run starts, what tells its phase. */
  public Outcome run(List<QueueTable.Item> batch, Consumer<Supplier<String>> phase)
      throws IOException {
    Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    String input = config.tmpDir + "/serve/batch-" + UUID.randomUUID() + ".json";
    StringBuilder lines = new StringBuilder();
    Set<String> ids = new HashSet<>();
    for (QueueTable.Item i : batch) {
      ObjectNode o = JSON.createObjectNode();
      for (String c : QueueTable.REQUEST_COLUMNS) {
        o.put(c, i.request().get(c));
      }
      lines.append(JSON.writeValueAsString(o)).append('\n');
      ids.add(i.id());
    }
    byte[] body = lines.toString().getBytes(StandardCharsets.UTF_8);
    storage.writeAtomically(input, true, out -> out.write(body));
    RunStats stats;
    try {
      stats = launcher.launch(input, phase);
    } finally {
      storage.delete(input);
    }
    List<Result> results = new ArrayList<>();
    for (Row r :
        DeltaTables.readOrEmpty(spark, config.resultsTable, TableSchemas.RESULTS)
            .filter(org.apache.spark.sql.functions.col("request_id").isin(ids.toArray()))
            .collectAsList()) {
      results.add(Result.of(r));
    }
    return new Outcome(stats, results);
  }
}
