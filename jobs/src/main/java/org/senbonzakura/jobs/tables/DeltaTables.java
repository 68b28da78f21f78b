/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.tables;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.VersionChecksum;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.Format;
import org.apache.spark.sql.delta.actions.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.senbonzakura.jobs.storage.retry.DeltaMergeRetry;
import org.senbonzakura.jobs.storage.retry.MergeConflictException;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * The two Delta operations the pipeline uses: create a table if it is missing, and MERGE rows into
 * it by key. MERGE (never a blind append) is what makes every write idempotent: a retried task or a
 * re-run writes the same keys again and never duplicates a row.
 *
 * <p>Two runs (two drivers) may write one table at once. Delta commits optimistically, so the loser
 * of a race gets a concurrent-modification conflict and nothing of its attempt is visible; {@link
 * DeltaMergeRetry} then builds and runs the MERGE again on the new snapshot, where the winner's
 * keys are already present and match instead of being inserted twice. This needs a log store whose
 * commits are mutually exclusive (see docs/operations.md: on S3, one writer per table unless
 * commits are coordinated, e.g. with S3DynamoDBLogStore).
 */
public final class DeltaTables {
  private DeltaTables() {}

  /**
   * What one write did beyond its own commit: the concurrent-commit races it lost and retried
   * (another run committed to the same table first). A value per write, so that a run reports its
   * own races, not those of every run the JVM has served.
   */
  public record Written(int racesRetried) {
    /** The two writes' races together. */
    public Written plus(Written other) {
      return new Written(racesRetried + other.racesRetried);
    }
  }

  /** Creates the table at {@code path} with {@code schema} unless it exists. */
  public static void ensure(SparkSession spark, String location, StructType schema) {
    create(spark, location, schema, new DeltaMergeRetry(DeltaMergeRetry.Policy.defaults()));
  }

  private static void create(
      SparkSession spark, String location, StructType schema, DeltaMergeRetry retry) {
    String path = normalized(location);
    // two runs may create a missing table at the same moment: the loser retries and finds it
    retried(
        retry,
        "create Delta table " + path,
        () -> {
          commitEmpty(spark, path, schema);
          return null;
        });
  }

  /**
   * Commits version 0 of an empty path table unless the table has one: its metadata (the schema, no
   * partitions) and the protocol Delta gives a new table. This is what {@code
   * DeltaTable.createIfNotExists()} commits, without its trip through Spark SQL's CREATE TABLE
   * (catalog lookups, analysis, a command plan), which on a first run's cold JVM cost about 2.6 s
   * of CPU for the five tables (docs/benchmarks.md).
   *
   * <p>The transaction's own read of the log decides whether the table exists (a version, 0 or
   * later, to read), so no {@code DeltaTable.isDeltaTable} asks first: it would only look at the
   * same log before the transaction reads it again, and a table created between the two looks had
   * to be caught here all the same. A concurrent creator's version 0 makes this commit fail with a
   * concurrent-modification conflict (the metadata changed); the retry's transaction then reads
   * version 0 and commits nothing.
   */
  private static void commitEmpty(SparkSession spark, String path, StructType schema) {
    OptimisticTransaction txn =
        DeltaLog.forTable(spark, path).startTransaction(Option.empty(), Option.empty());
    if (txn.readVersion() >= 0) {
      return; // the table exists
    }
    scala.collection.immutable.Map<String, String> none =
        scala.collection.immutable.Map$.MODULE$.empty();
    txn.updateMetadataForNewTable(
        new Metadata(
            UUID.randomUUID().toString(),
            null,
            null,
            new Format("parquet", none),
            schema.json(),
            JavaConverters.asScalaBuffer(List.<String>of()).toSeq(),
            none,
            Option.apply(System.currentTimeMillis())));
    txn.commit(
        JavaConverters.asScalaBuffer(List.<Action>of()).toSeq(),
        new DeltaOperations.CreateTable(txn.metadata(), false, false, Option.empty()));
  }

  /**
   * Reads the table, or an empty frame with {@code schema} when it does not exist yet or holds no
   * file. A Delta scan of a table that holds nothing still plans and runs Spark jobs (a run on a
   * fresh storage root would scan three such tables); the snapshot's file count comes from the
   * commit's checksum file instead. Either way the frame is the table as of this call, as a Delta
   * read is.
   */
  public static Dataset<Row> readOrEmpty(SparkSession spark, String location, StructType schema) {
    String path = normalized(location);
    if (DeltaTable.isDeltaTable(spark, path)) {
      try {
        if (isEmpty(spark, path)) {
          return spark.createDataFrame(List.of(), schema);
        }
        return spark.read().format("delta").load(path);
      } catch (Exception e) { // Delta's AnalysisException is checked, thrown undeclared
        if (!DeltaMergeRetry.isTableBeingCreated(e)) {
          throw e;
        }
        // another run is creating it this instant: a table before its first commit is empty
      }
    }
    return spark.createDataFrame(List.of(), schema);
  }

  /**
   * Whether the table's latest snapshot is known to hold no data file. Delta's public API has no
   * cheap way to ask ({@code DeltaTable.detail()} reconstructs the state in Spark jobs); the log's
   * snapshot knows its file count from the commit's checksum file, without a job. When it does not
   * know (no checksum file), the answer is "not known empty" and the caller reads the table.
   */
  static boolean isEmpty(SparkSession spark, String path) {
    return isEmpty(latestSnapshot(spark, path));
  }

  private static boolean isEmpty(Snapshot snapshot) {
    Option<VersionChecksum> checksum = snapshot.checksumOpt();
    return checksum.isDefined() && checksum.get().numFiles() == 0;
  }

  /**
   * Loads the table's latest snapshot with its list of files into the JVM's Delta log cache (Delta
   * reconstructs it in a few small Spark jobs, a second or more on a cold JVM). The next read or
   * MERGE of the same version finds it there; a later version is built from it incrementally.
   *
   * @param evenIfEmpty whether to load it when the table is known to hold no file; reading such a
   *     table ({@link #readOrEmpty}) and writing its first rows ({@link #merge}) need no state, so
   *     on a fresh root the load would only compete with the run for the cores; an idempotent
   *     append ({@link #appendOnce}) does need it, to find the appends already made
   */
  public static void loadSnapshot(SparkSession spark, String location, boolean evenIfEmpty) {
    Snapshot snapshot = latestSnapshot(spark, normalized(location));
    if (evenIfEmpty || !isEmpty(snapshot)) {
      snapshot.numOfFiles();
    }
  }

  /** The log's latest snapshot of the table at {@code path}, brought up to date synchronously. */
  private static Snapshot latestSnapshot(SparkSession spark, String path) {
    return DeltaLog.forTable(spark, path).update(false, Option.empty(), Option.empty());
  }

  /** Hadoop's spelling of a location ({@code file:/x}, not {@code file:///x}), as Delta wants. */
  public static String normalized(String location) {
    return new Path(location).toString();
  }

  /**
   * Upserts {@code rows} by {@code keys}: matched rows are replaced when {@code replace}, else
   * kept; new keys are inserted. Duplicate keys in {@code rows} are dropped first (MERGE forbids
   * two source rows for one target row).
   *
   * @return the races this write (and the table's creation) lost and retried
   */
  public static Written merge(
      SparkSession spark,
      String path,
      StructType schema,
      Dataset<Row> rows,
      List<String> keys,
      boolean replace) {
    // one retrier per write: its conflict count is this write's
    DeltaMergeRetry retry = new DeltaMergeRetry(DeltaMergeRetry.Policy.defaults());
    create(spark, path, schema, retry);
    Dataset<Row> source = rows.dropDuplicates(keys.toArray(new String[0]));
    String on = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    String location = normalized(path);
    retried(
        retry,
        "MERGE into " + location,
        () -> {
          if (insertIntoEmpty(spark, location, source)) {
            return null;
          }
          // rebuilt on every attempt, so that each one reads the latest snapshot
          var builder = DeltaTable.forPath(spark, location).as("t").merge(source.as("s"), on);
          if (replace) {
            builder = builder.whenMatched().updateAll();
          }
          builder.whenNotMatched().insertAll().execute();
          return null;
        });
    return new Written(retry.conflicts());
  }

  /**
   * Writes {@code source} as the first rows of a table that holds no file, when its columns are the
   * table's (names and types): what a MERGE into an empty table would insert, in one write job and
   * one commit instead of a MERGE's eight or so jobs (materialize its source, scan the target for
   * matches, write), which a first run on a fresh root pays for each of its four tables. The
   * transaction reads the whole table, so a concurrent commit that added files makes this one fail
   * with a conflict, and the retry finds the table no longer empty and MERGEs.
   *
   * @return false, having written nothing, when the table is not known to be empty or the columns
   *     differ (MERGE then casts, fills or refuses them as it always did)
   */
  private static boolean insertIntoEmpty(SparkSession spark, String location, Dataset<Row> source) {
    // a path table (no catalog entry), on the latest snapshot
    OptimisticTransaction txn =
        DeltaLog.forTable(spark, location).startTransaction(Option.empty(), Option.empty());
    StructType table = txn.metadata().schema();
    if (!isEmpty(txn.snapshot()) || !sameColumns(table, source)) {
      return false;
    }
    txn.readWholeTable();
    Column[] ordered = Arrays.stream(table.fieldNames()).map(source::col).toArray(Column[]::new);
    List<Action> actions =
        new ArrayList<>(JavaConverters.seqAsJavaList(txn.writeFiles(source.select(ordered))));
    txn.commit(
        JavaConverters.asScalaBuffer(actions).toSeq(),
        new DeltaOperations.Write(SaveMode.Append, Option.empty(), Option.empty(), Option.empty()));
    return true;
  }

  /** Whether {@code rows} has exactly the table's columns, each of the table's type. */
  private static boolean sameColumns(StructType table, Dataset<Row> rows) {
    StructType s = rows.schema();
    if (s.size() != table.size()) {
      return false;
    }
    for (StructField f : table.fields()) {
      Option<Object> i = s.getFieldIndex(f.name());
      if (i.isEmpty() || !s.fields()[(Integer) i.get()].dataType().equals(f.dataType())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Appends {@code rows} once per {@code (appId, version)}: Delta's idempotent write records the
   * pair in the commit and skips a later write that carries it again, so a retried write adds no
   * duplicate. For rows whose key is new by construction (a run's own row, keyed by its unique run
   * id), this is the cheap equivalent of an insert-only MERGE: one commit, no join with the table,
   * and appends never conflict with other writers' appends.
   *
   * @return the races the table's creation lost and retried
   */
  public static Written appendOnce(
      SparkSession spark,
      String path,
      StructType schema,
      Dataset<Row> rows,
      String appId,
      long version) {
    DeltaMergeRetry retry = new DeltaMergeRetry(DeltaMergeRetry.Policy.defaults());
    create(spark, path, schema, retry);
    String location = normalized(path);
    retried(
        retry,
        "append to " + location,
        () -> {
          rows.write()
              .format("delta")
              .mode("append")
              .option("txnAppId", appId)
              .option("txnVersion", version)
              .save(location);
          return null;
        });
    return new Written(retry.conflicts());
  }

  /**
   * Runs a commit, again after each lost concurrency race, until the retry budget is spent. The
   * callers are Spark driver code without checked exceptions, so a spent budget surfaces as an
   * unchecked {@link IllegalStateException} whose cause is the {@link MergeConflictException}.
   */
  private static <T> T retried(
      DeltaMergeRetry retry, String operation, DeltaMergeRetry.Write<T> write) {
    try {
      return retry.run(operation, write);
    } catch (MergeConflictException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(operation + ": interrupted while waiting to retry", e);
    }
  }
}
