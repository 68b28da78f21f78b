/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.PipelineRunFixture;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.pipeline.RunStats;

/**
 * Runs every {@code %%sql} cell of every notebook under {@code notebooks/} against the Delta tables
 * of two real pipeline runs ({@link PipelineRunFixture}), so a notebook whose SQL breaks (a renamed
 * column, a typo, an unknown table) fails the build. Each cell must also return the columns and the
 * rows that the runs imply ({@link NotebookExpectations}): a query that silently matches nothing or
 * miscounts is as broken for an analyst as one that throws.
 */
class NotebookSqlTest {
  private static SparkSession spark;
  private static PipelineRunFixture fixture;
  private static Map<String, String> tables;
  private static NotebookExpectations.Facts facts;

  @BeforeAll
  static void tables() throws Exception {
    spark = TestSpark.session();
    fixture = PipelineRunFixture.shared();
    JobConfig c = fixture.config();
    tables = NotebookSql.tables(c);
    Dataset<Row> files = spark.read().format("delta").load(c.marFilesTable);
    facts =
        new NotebookExpectations.Facts(
            fixture.runs(),
            fixture.results(spark),
            spark.read().format("delta").load(c.patchCacheTable).count(),
            files.count(),
            files.select("sha256").distinct().count(),
            spark
                .read()
                .format("delta")
                .load(c.marsTable)
                .filter("status = 'failed' OR error IS NOT NULL")
                .count());
  }

  static List<Path> notebooks() throws Exception {
    Path dir = Path.of(System.getProperty("sbz.repo"), "notebooks");
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  /** The runs hold what every notebook needs: cache hits, reuse, dedup, failures, platforms. */
  @Test
  void theRunsGiveEveryNotebookSomethingToShow() {
    List<RunStats> runs = fixture.runs();
    assertEquals(2, runs.size());
    RunStats first = runs.get(0);
    RunStats second = runs.get(1);
    assertEquals(0, first.cacheHits, "the first run starts from an empty patch cache");
    assertTrue(first.diffsComputed > 0);
    assertTrue(first.changedPairs > first.distinctPairs, "locales share pairs: dedup");
    assertTrue(second.cacheHits > 0, "the second run hits the patch cache");
    assertTrue(second.diffsComputed > 0, "the second run's new locales need new diffs");
    assertEquals(first.done, second.reused, "the second run reuses the first run's partials");
    assertEquals(PipelineRunFixture.SECOND_ONLY.size(), second.done);
    assertTrue(second.marsFetched < second.distinctMars, "the second run hits the MAR cache");
    for (RunStats s : runs) {
      assertEquals(3, s.failed, "bad SHA-512, URL outside the allow-list, corrupt MAR");
    }
    assertTrue(facts.failedMars() > 0);
    assertEquals(
        Set.copyOf(PipelineRunFixture.PLATFORMS),
        facts.finished().stream().map(r -> r.getAs("platform")).collect(Collectors.toSet()));
  }

  @TestFactory
  List<DynamicTest> everySqlCellReturnsTheColumnsAndRowsTheRunsImply() throws Exception {
    List<Path> notebooks = notebooks();
    assertTrue(notebooks.size() >= 5, "expected the five analysis notebooks, got " + notebooks);
    Map<String, NotebookExpectations.Expect> expected = NotebookExpectations.all(facts);
    Set<String> seen = new HashSet<>();
    List<DynamicTest> tests = new ArrayList<>();
    for (Path nb : notebooks) {
      List<NotebookSql.Cell> cells = NotebookSql.cells(nb);
      assertFalse(cells.isEmpty(), nb + " has no %%sql cell");
      for (NotebookSql.Cell cell : cells) {
        assertTrue(seen.add(cell.name()), cell + ": cell names must be unique across notebooks");
        NotebookExpectations.Expect want = expected.get(cell.name());
        assertNotNull(want, cell + " has no entry in NotebookExpectations");
        tests.add(
            DynamicTest.dynamicTest(
                cell.toString(),
                () -> {
                  Dataset<Row> result = spark.sql(NotebookSql.substitute(cell.sql(), tables));
                  assertEquals(want.columns(), List.of(result.columns()), cell + " columns");
                  List<Row> rows = result.collectAsList();
                  assertFalse(rows.isEmpty(), cell + " returned no rows:\n" + cell.sql());
                  want.rows().accept(rows);
                }));
      }
    }
    assertEquals(expected.keySet(), seen, "expectations for cells that no notebook has");
    return tests;
  }

  @Test
  void extractsOnlySqlCellsWithTheirNames(@TempDir Path dir) throws Exception {
    Path nb = dir.resolve("t.ipynb");
    Files.writeString(
        nb,
        "{\"cells\":[{\"cell_type\":\"markdown\",\"source\":[\"%%sql not code\"]},"
            + "{\"cell_type\":\"code\",\"source\":[\"x = 1\\n\"]},"
            + "{\"cell_type\":\"code\",\"source\":[\"%%sql per_run\\n\",\"SELECT 1 FROM ${runs}\"]},"
            + "{\"cell_type\":\"code\",\"source\":\"%%sql\\nSELECT 2\"}]}");
    List<NotebookSql.Cell> cells = NotebookSql.cells(nb);
    assertEquals(2, cells.size());
    assertEquals("per_run", cells.get(0).name());
    assertEquals(2, cells.get(0).index());
    assertEquals("SELECT 1 FROM ${runs}", cells.get(0).sql());
    assertEquals("SELECT 2", cells.get(1).sql());
    assertEquals(
        "SELECT 1 FROM delta.`file:/a``b`",
        NotebookSql.substitute(cells.get(0).sql(), Map.of("runs", "file:/a`b")));
  }

  @Test
  void unknownPlaceholderAndBadNotebookAreClearErrors(@TempDir Path dir) throws Exception {
    NotebookException e =
        assertThrows(
            NotebookException.class,
            () -> NotebookSql.substitute("SELECT * FROM ${result}", Map.of("results", "x")));
    assertTrue(e.getMessage().contains("${result}"), e.getMessage());
    Path bad = dir.resolve("bad.ipynb");
    Files.writeString(bad, "{\"cells\": 3}");
    assertThrows(NotebookException.class, () -> NotebookSql.cells(bad));
  }
}
