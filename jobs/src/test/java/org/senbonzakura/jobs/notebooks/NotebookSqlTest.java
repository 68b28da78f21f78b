/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.report.FixtureTables;

/**
 * Runs every {@code %%sql} cell of every notebook under {@code notebooks/} against Delta tables
 * with the pipeline's schemas and rows, so a notebook whose SQL breaks (a renamed column, a typo,
 * an unknown table) fails the build. Every query must also return rows on these tables: a query
 * that silently matches nothing is as broken for an analyst as one that throws.
 */
class NotebookSqlTest {
  private static SparkSession spark;
  private static Map<String, String> tables;

  @BeforeAll
  static void tables() throws Exception {
    spark = TestSpark.session();
    tables = NotebookSql.tables(FixtureTables.shared(spark).config());
  }

  static List<Path> notebooks() throws Exception {
    Path dir = Path.of(System.getProperty("sbz.repo"), "notebooks");
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  @TestFactory
  List<DynamicTest> everySqlCellRunsAndReturnsRows() throws Exception {
    List<Path> notebooks = notebooks();
    assertTrue(notebooks.size() >= 5, "expected the five analysis notebooks, got " + notebooks);
    List<DynamicTest> tests = new ArrayList<>();
    for (Path nb : notebooks) {
      List<NotebookSql.Cell> cells = NotebookSql.cells(nb);
      assertFalse(cells.isEmpty(), nb + " has no %%sql cell");
      for (NotebookSql.Cell cell : cells) {
        tests.add(
            DynamicTest.dynamicTest(
                cell.toString(),
                () -> {
                  List<Row> rows =
                      spark.sql(NotebookSql.substitute(cell.sql(), tables)).collectAsList();
                  assertFalse(rows.isEmpty(), cell + " returned no rows:\n" + cell.sql());
                }));
      }
    }
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
