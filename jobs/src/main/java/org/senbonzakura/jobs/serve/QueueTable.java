/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.senbonzakura.jobs.tables.DeltaTables;

/**
 * The durable queue: a Delta table on the storage root with one row per request the service was
 * asked for (key {@code request_id}). A row is {@code queued} until a run has written its result,
 * then {@code processed}; {@code withdrawn} stops serving it (the row stays, for audit). The
 * request's own columns (with its URLs, which the results table does not keep) are here so that a
 * restarted service, or {@code sbz admin retry}, can run it again. Writes are MERGEs by key, so an
 * enqueue repeated after a crash never makes a second row.
 */
public final class QueueTable {
  public static final String QUEUED = "queued";
  public static final String PROCESSED = "processed";
  public static final String WITHDRAWN = "withdrawn";

  public static final StructType SCHEMA;

  static {
    StructType t = new StructType().add("request_id", StringType, false);
    for (String c : PartialRequest.columns()) {
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

  /** One queue row. {@code request} is null for a partial the service knows only by result. */
  public record Item(
      String id,
      PartialRequest request,
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
      for (String c : PartialRequest.columns()) {
        String v = r.getAs(c);
        values.put(c, v);
        any |= v != null;
      }
      String id = r.getAs("request_id");
      Integer attempts = r.getAs("attempts");
      out.add(
          new Item(
              id,
              any ? new PartialRequest(id, values) : null,
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
      for (String c : PartialRequest.columns()) {
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
}
