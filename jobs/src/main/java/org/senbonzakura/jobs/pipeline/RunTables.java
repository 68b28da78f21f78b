/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * Creates the Delta tables a run writes, in the background, while the run reads its requests. On a
 * fresh storage root each creation is a commit of its own (a second or two on a cold JVM); done one
 * after the other at each stage's first write they sat on the run's critical path. Creating a table
 * that exists is a no-op, and two runs creating one at once are handled by {@link
 * DeltaTables#ensure}, so starting this early changes nothing but when the work happens.
 */
final class RunTables {
  /**
   * @param everyRun whether every run reads or writes it (results, runs), or only a run that
   *     computes something (the others)
   * @param stateEvenIfEmpty whether its first write needs the snapshot's state when the table holds
   *     no file (the runs table's idempotent append does; see {@link DeltaTables#loadSnapshot})
   */
  private record Table(
      String location, StructType schema, boolean everyRun, boolean stateEvenIfEmpty) {}

  private final SparkSession spark;
  private final List<Table> tables;
  private final List<CompletableFuture<Void>> created;
  private final ExecutorService pool;
  private final List<CompletableFuture<Void>> loads = new ArrayList<>();

  private RunTables(
      SparkSession spark,
      List<Table> tables,
      List<CompletableFuture<Void>> created,
      ExecutorService pool) {
    this.spark = spark;
    this.tables = tables;
    this.created = created;
    this.pool = pool;
  }

  /**
   * Starts creating the run's missing tables, each on a thread of its own, and then loading the
   * snapshots of the tables every run uses into the JVM's Delta log cache ({@link
   * DeltaTables#loadSnapshot}), which no one waits for. {@link #loadForCompute} loads the others.
   */
  static RunTables start(SparkSession spark, JobConfig config) {
    List<Table> tables =
        List.of(
            new Table(config.marFilesTable, TableSchemas.MAR_FILES, false, false),
            new Table(config.marsTable, TableSchemas.MARS, false, false),
            new Table(config.patchCacheTable, TableSchemas.PATCH_CACHE, false, false),
            new Table(config.resultsTable, TableSchemas.RESULTS, true, false),
            new Table(config.runsTable, TableSchemas.RUNS, true, true));
    // threads that end when idle: nothing to shut down, whenever the loads finish
    ExecutorService pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "sbz-run-tables");
              t.setDaemon(true);
              return t;
            });
    List<CompletableFuture<Void>> created =
        tables.stream()
            .map(
                t ->
                    CompletableFuture.runAsync(
                        () -> DeltaTables.ensure(spark, t.location(), t.schema()), pool))
            .toList();
    RunTables run = new RunTables(spark, tables, created, pool);
    run.load(true);
    return run;
  }

  /**
   * Starts loading the snapshots of the tables only a run that computes something uses; a run whose
   * every request is reused never needs them, and their loads would only compete with its work.
   */
  void loadForCompute() {
    load(false);
  }

  private synchronized void load(boolean everyRun) {
    for (int i = 0; i < tables.size(); i++) {
      Table t = tables.get(i);
      if (t.everyRun() == everyRun) {
        // off the run's path: the stages' first read or MERGE of the table would otherwise build
        // its snapshot on the driver's critical path; a failed load only leaves that to them
        loads.add(
            created
                .get(i)
                .thenRunAsync(
                    () -> DeltaTables.loadSnapshot(spark, t.location(), t.stateEvenIfEmpty()),
                    pool));
      }
    }
  }

  /** Waits until every table exists; a creation's failure is the run's. */
  void await() {
    try {
      CompletableFuture.allOf(created.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(
          "creating the run's Delta tables: " + cause.getMessage(), cause);
    }
  }

  /**
   * Waits until the snapshot loads started so far have ended, loaded or not. The run never does (a
   * stage that needs a snapshot before it is loaded builds it itself); tests do, to see the loads
   * used.
   */
  synchronized void awaitSnapshots() {
    try {
      CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      // a load that failed leaves the snapshot to the stage that needs it
    }
  }
}
