/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.tables;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.senbonzakura.jobs.requests.RequestSchema;

/**
 * The durable queue: a Delta table on the storage root with one row per request the service was
 * asked for (key {@code request_id}). A row is {@code queued} until a run has written its result,
 * then {@code processed}; {@code withdrawn} stops serving it (the row stays, for audit). The
 * request's own columns (with its URLs, which the results table does not keep) are here so that a
 * restarted service, or {@code sbz admin retry}, can run it again. Writes are MERGEs by key, so an
 * enqueue repeated after a crash never makes a second row. It lives beside the pipeline's tables,
 * not in the service, because the cache administration reads it too.
 */
public final class QueueTable {
  public static final String QUEUED = "queued";
  public static final String PROCESSED = "processed";
  public static final String WITHDRAWN = "withdrawn";

  /** The request's own columns: the requests table's text columns, required then optional. */
  public static final List<String> REQUEST_COLUMNS;

  public static final StructType SCHEMA;

  static {
    List<String> columns = new ArrayList<>(RequestSchema.REQUIRED);
    columns.addAll(RequestSchema.OPTIONAL);
    REQUEST_COLUMNS = Collections.unmodifiableList(columns);
    StructType t = new StructType().add("request_id", StringType, false);
    for (String c : REQUEST_COLUMNS) {
      t = t.add(c, StringType, true);
    }
    SCHEMA =
        t.add("state", StringType, false)
            .add("enqueued_at", TimestampType, false)
            .add("updated_at", TimestampType, false)
            .add("run_id", StringType, true)
            .add("attempts", IntegerType, false);
  }

  public static final List<String> KEYS = List.of("request_id");

  /**
   * One queue row. {@code request} holds the {@link #REQUEST_COLUMNS} by name ({@code forced_files}
   * joined by commas), as validated; it is null for a partial the service knows only by result.
   */
  public record Item(
      String id,
      Map<String, String> request,
      String state,
      Timestamp enqueuedAt,
      Timestamp updatedAt,
      String runId,
      int attempts) {

    public Item with(String newState, String newRunId, int newAttempts) {
      return new Item(
          id,
          request,
          newState,
          enqueuedAt,
          new Timestamp(System.currentTimeMillis()),
          newRunId,
          newAttempts);
    }
  }

  private final SparkSession spark;
  private final String location;

  public QueueTable(SparkSession spark, String location) {
    this.spark = spark;
    this.location = location;
  }

  public String location() {
    return location;
  }

  /** Every row, or none when the table does not exist yet. */
  public List<Item> readAll() {
    List<Item> out = new ArrayList<>();
    for (Row r : DeltaTables.readOrEmpty(spark, location, SCHEMA).collectAsList()) {
      Map<String, String> values = new LinkedHashMap<>();
      boolean any = false;
      for (String c : REQUEST_COLUMNS) {
        String v = r.getAs(c);
        values.put(c, v);
        any |= v != null;
      }
      String id = r.getAs("request_id");
      Integer attempts = r.getAs("attempts");
      out.add(
          new Item(
              id,
              any ? Collections.unmodifiableMap(values) : null,
              r.getAs("state"),
              r.getAs("enqueued_at"),
              r.getAs("updated_at"),
              r.getAs("run_id"),
              attempts == null ? 0 : attempts));
    }
    return out;
  }

  /** Upserts the rows (one Delta commit for all of them). */
  public void write(List<Item> items) {
    if (items.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (Item i : items) {
      List<Object> v = new ArrayList<>();
      v.add(i.id());
      for (String c : REQUEST_COLUMNS) {
        v.add(i.request() == null ? null : i.request().get(c));
      }
      v.add(i.state());
      v.add(i.enqueuedAt());
      v.add(i.updatedAt());
      v.add(i.runId());
      v.add(i.attempts());
      rows.add(RowFactory.create(v.toArray()));
    }
    DeltaTables.merge(spark, location, SCHEMA, spark.createDataFrame(rows, SCHEMA), KEYS, true);
  }

  /**
   * Marks the batch's rows {@code processed} by run {@code runId}, except those for which {@code
   * stillQueued} is false (withdrawn or evicted while the run went on); returns the rows written.
   * Call it with the queue's other writers held off, so that the predicate stays true.
   */
  public List<Item> markProcessed(List<Item> batch, String runId, Predicate<String> stillQueued) {
    List<Item> processed = new ArrayList<>();
    for (Item i : batch) {
      if (stillQueued.test(i.id())) {
        processed.add(i.with(PROCESSED, runId, i.attempts() + 1));
      }
    }
    write(processed);
    return processed;
  }
}
