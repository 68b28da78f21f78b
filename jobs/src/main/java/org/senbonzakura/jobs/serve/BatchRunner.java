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
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.pipeline.Pipeline;
import org.senbonzakura.jobs.pipeline.RunStats;
import org.senbonzakura.jobs.storage.Storage;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * Runs the pipeline on a micro-batch of queued requests: writes them as a JSON-lines requests file
 * under {@code sbz.paths.tmp}, runs the unchanged {@link Pipeline} on it (same tables, storage,
 * verification and idempotence as {@code sbz run}), reads back the batch's results rows, and only
 * then marks their queue rows {@code processed}. A crash anywhere leaves them {@code queued}; the
 * next batch runs them again and the pipeline reuses what the crashed run published.
 */
public final class BatchRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one batch did. */
  public record Outcome(RunStats stats, List<Result> results) {}

  private final SparkSession spark;
  private final JobConfig config;
  private final QueueTable queue;

  public BatchRunner(SparkSession spark, JobConfig config, QueueTable queue) {
    this.spark = spark;
    this.config = config;
    this.queue = queue;
  }

  /**
   * Runs the batch; {@code started} is given the pipeline before it starts (for its run id and
   * phase). The caller then marks the batch with {@link #markProcessed}.
   */
  public Outcome run(List<QueueTable.Item> batch, Consumer<Pipeline> started) throws IOException {
    Pipeline pipeline = new Pipeline(spark, config);
    started.accept(pipeline);
    Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    String input = config.tmpDir + "/serve/" + pipeline.runId() + ".json";
    StringBuilder lines = new StringBuilder();
    Set<String> ids = new HashSet<>();
    for (QueueTable.Item i : batch) {
      ObjectNode o = JSON.createObjectNode();
      for (String c : PartialRequest.columns()) {
        o.put(c, i.request().get(c));
      }
      lines.append(JSON.writeValueAsString(o)).append('\n');
      ids.add(i.id());
    }
    byte[] body = lines.toString().getBytes(StandardCharsets.UTF_8);
    storage.writeAtomically(input, true, out -> out.write(body));
    RunStats stats;
    try {
      stats = pipeline.run(input, "json");
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

  /**
   * Marks the batch's queue rows {@code processed} by run {@code runId}, except those for which
   * {@code stillQueued} is false (withdrawn or evicted while the run went on); returns the rows
   * written. Call it with the queue's writers held off, so that the predicate stays true.
   */
  public List<QueueTable.Item> markProcessed(
      List<QueueTable.Item> batch, String runId, Predicate<String> stillQueued) {
    List<QueueTable.Item> processed = new ArrayList<>();
    for (QueueTable.Item i : batch) {
      if (stillQueued.test(i.id())) {
        processed.add(i.with(QueueTable.PROCESSED, runId, i.attempts() + 1));
      }
    }
    queue.write(processed);
    return processed;
  }
}
