/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

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
  private record Table(String location, StructType schema) {}

  private final CompletableFuture<Void> created;
  private final CompletableFuture<Void> loaded;

  private RunTables(CompletableFuture<Void> created, CompletableFuture<Void> loaded) {
    this.created = created;
    this.loaded = loaded;
  }

  /**
   * Starts creating the run's missing tables, each on a thread of its own, and then loading each
   * table's snapshot into the JVM's Delta log cache ({@link DeltaTables#loadSnapshot}), which no
   * one waits for.
   */
  static RunTables start(SparkSession spark, JobConfig config) {
    List<Table> tables =
        List.of(
            new Table(config.marFilesTable, TableSchemas.MAR_FILES),
            new Table(config.marsTable, TableSchemas.MARS),
            new Table(config.patchCacheTable, TableSchemas.PATCH_CACHE),
            new Table(config.resultsTable, TableSchemas.RESULTS),
            new Table(config.runsTable, TableSchemas.RUNS));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            tables.size(),
            r -> {
              Thread t = new Thread(r, "sbz-create-tables");
              t.setDaemon(true);
              return t;
            });
    CompletableFuture<?>[] each =
        tables.stream()
            .map(
                t ->
                    CompletableFuture.runAsync(
                        () -> DeltaTables.ensure(spark, t.location(), t.schema()), pool))
            .toArray(CompletableFuture[]::new);
    CompletableFuture<?>[] loaded = new CompletableFuture<?>[each.length];
    for (int i = 0; i < each.length; i++) {
      String location = tables.get(i).location();
      // then, off the run's path, each table's snapshot: the stages' first read or MERGE of it
      // would otherwise build it on the driver's critical path; a failure here only means that
      // the stage builds it itself (and reports what is wrong)
      loaded[i] = each[i].thenRunAsync(() -> DeltaTables.loadSnapshot(spark, location), pool);
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(loaded);
    all.whenComplete((ok, failed) -> pool.shutdown());
    return new RunTables(CompletableFuture.allOf(each), all);
  }

  /** Waits until every table exists; a creation's failure is the run's. */
  void await() {
    try {
      created.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(
          "creating the run's Delta tables: " + cause.getMessage(), cause);
    }
  }

  /**
   * Waits until the snapshot loads have ended, loaded or not. The run never does (a stage that
   * needs a snapshot before it is loaded builds it itself); tests do, to see the loads used.
   */
  void awaitSnapshots() {
    try {
      loaded.join();
    } catch (CompletionException e) {
      // a load that failed leaves the snapshot to the stage that needs it
    }
  }
}
