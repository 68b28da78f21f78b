/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;

class RunTablesTest {
  @Test
  void createsEveryTableARunWritesWithItsSchema(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    JobConfig c = ctx.config();
    Map<String, StructType> tables =
        Map.of(
            c.marFilesTable, TableSchemas.MAR_FILES,
            c.marsTable, TableSchemas.MARS,
            c.patchCacheTable, TableSchemas.PATCH_CACHE,
            c.resultsTable, TableSchemas.RESULTS,
            c.runsTable, TableSchemas.RUNS);
    for (String t : tables.keySet()) {
      assertFalse(DeltaTable.isDeltaTable(ctx.spark(), t), t + " exists before");
    }
    RunTables.start(ctx.spark(), c).await();
    RunTables.start(ctx.spark(), c).await(); // a second run finds them and changes nothing
    for (Map.Entry<String, StructType> t : tables.entrySet()) {
      DeltaTable table = DeltaTable.forPath(ctx.spark(), t.getKey());
      assertEquals(
          java.util.Arrays.asList(t.getValue().fieldNames()),
          java.util.Arrays.asList(table.toDF().schema().fieldNames()),
          t.getKey());
      assertEquals(0L, table.history().count() - 1, t.getKey() + ": one commit, its creation");
    }
  }

  @Test
  void loadsEachTablesSnapshotSoThatItsFirstWriteNeedNotBuildIt(@TempDir Path root)
      throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    JobConfig c = ctx.config();
    RunTables tables = RunTables.start(ctx.spark(), c);
    tables.await();
    tables.awaitSnapshots();
    org.apache.spark.sql.delta.DeltaLog.clearCache(); // not from this JVM's cache: a fresh load
    RunTables again = RunTables.start(ctx.spark(), c);
    again.await();
    again.loadForCompute();
    again.awaitSnapshots();
    try (SparkJobLog jobs = new SparkJobLog(ctx.spark())) {
      DeltaTables.appendOnce(
          ctx.spark(),
          c.runsTable,
          TableSchemas.RUNS,
          ctx.spark().createDataFrame(java.util.List.of(), TableSchemas.RUNS),
          "sbz-test",
          1);
      assertEquals(
          java.util.List.of(),
          jobs.containing("Compute snapshot"),
          "the write built the snapshot the run had loaded");
    }
  }
}
