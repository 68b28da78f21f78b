/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;
import org.junit.jupiter.api.Test;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.JobConfig;

/**
 * A small run's Spark settings (SBZ_INTERPRETED_PLANS_PROPS in {@code scripts/java-opts.sh}):
 * whole-stage code generation off and {@code spark.sql.codegen.factoryMode=NO_CODEGEN}, so that
 * Spark interprets every plan instead of compiling it. The README's three golden requests run once
 * in a session with Spark's defaults and once in a session with these settings, each on a storage
 * root of its own; every table must hold the same rows, and every partial the same bytes.
 */
class InterpretedPlansTest {
  /** The settings, as scripts/java-opts.sh passes them (without the "-D"). */
  private static final List<String[]> SETTINGS =
      List.of(
          new String[] {"spark.sql.codegen.wholeStage", "false"},
          new String[] {"spark.sql.codegen.factoryMode", "NO_CODEGEN"});

  /** Columns that name a run, a time or a storage root, which differ between any two runs. */
  private static final Set<String> PER_RUN =
      Set.of(
          "run_id",
          "updated_at",
          "partial_path",
          "patch_path",
          "diff_ms",
          "fetch_ms",
          "explode_ms",
          "assemble_ms");

  @Test
  void anInterpretedRunWritesWhatACompiledRunWrites() throws Exception {
    Path settings = Path.of(System.getProperty("sbz.repo"), "scripts", "java-opts.sh");
    String script = Files.readString(settings);
    for (String[] s : SETTINGS) {
      assertTrue(script.contains("-D" + s[0] + "=" + s[1]), s[0] + " in " + settings);
    }

    SparkSession compiled = TestSpark.session();
    SparkSession interpreted = compiled.newSession();
    for (String[] s : SETTINGS) {
      interpreted.conf().set(s[0], s[1]);
    }
    assertInterpreted(interpreted);

    Path work = Files.createTempDirectory("sbz-interpreted-");
    Path requests = GoldenPair.requests(work, "en-US,de,fr");
    JobConfig a = TestSpark.config(work.resolve("compiled"), java.util.Map.of());
    JobConfig b = TestSpark.config(work.resolve("interpreted"), java.util.Map.of());
    RunStats first = new Pipeline(compiled, a).run(requests.toString(), "auto");
    RunStats second;
    SparkSession.setActiveSession(interpreted);
    try {
      second = new Pipeline(interpreted, b).run(requests.toString(), "auto");
    } finally {
      SparkSession.setActiveSession(compiled);
    }
    assertEquals(3, first.done);
    assertEquals(3, second.done);
    assertEquals(first.distinctPairs, second.distinctPairs);
    assertEquals(first.diffsComputed, second.diffsComputed);

    assertSameRows(compiled, a.marsTable, b.marsTable);
    assertSameRows(compiled, a.marFilesTable, b.marFilesTable);
    assertSameRows(compiled, a.patchCacheTable, b.patchCacheTable);
    assertSameRows(compiled, a.resultsTable, b.resultsTable);
    for (Row r : compiled.read().format("delta").load(b.resultsTable).collectAsList()) {
      GoldenPair.assertTurnsFromIntoTo(
          Path.of(URI.create(r.getAs("partial_path"))), work.resolve("apply-" + r.getAs("locale")));
    }
  }

  /** The session's plans have no compiled stage, and its tasks see the factory mode. */
  private static void assertInterpreted(SparkSession s) {
    Dataset<Row> q = s.range(10).selectExpr("id * 2 AS x").filter("x > 4");
    String plan = q.queryExecution().executedPlan().toString();
    assertFalse(plan.contains("WholeStageCodegen") || plan.contains("*("), plan);
    List<String> seen =
        s.range(1)
            .map(
                (MapFunction<Long, String>)
                    id -> SQLConf.get().getConfString("spark.sql.codegen.factoryMode"),
                Encoders.STRING())
            .collectAsList();
    assertEquals(List.of("NO_CODEGEN"), seen);
  }

  /** Both tables hold the same rows, once the columns of {@link #PER_RUN} are left out. */
  private static void assertSameRows(SparkSession spark, String expected, String actual) {
    Dataset<Row> e = comparable(spark.read().format("delta").load(expected));
    Dataset<Row> a = comparable(spark.read().format("delta").load(actual));
    long rows = e.count();
    assertTrue(rows > 0, expected + " is empty");
    assertEquals(rows, a.count(), actual);
    assertEquals(0, e.exceptAll(a).count(), expected + " has rows that " + actual + " lacks");
    assertEquals(0, a.exceptAll(e).count(), actual + " has rows that " + expected + " lacks");
  }

  private static Dataset<Row> comparable(Dataset<Row> table) {
    return table.drop(PER_RUN.toArray(new String[0]));
  }
}
