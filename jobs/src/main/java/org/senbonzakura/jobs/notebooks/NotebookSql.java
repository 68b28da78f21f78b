/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.senbonzakura.jobs.config.JobConfig;

/**
 * Extracts the Spark SQL of a Jupyter notebook: every code cell whose first line is the {@code
 * %%sql} cell magic (see {@code notebooks/sbz_notebook.py}). Queries name tables with {@code
 * ${results}}-style placeholders, which {@link #substitute} turns into {@code delta.`location`}, so
 * the same text runs in the notebook and in the build's test.
 */
public final class NotebookSql {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
  private static final String MAGIC = "%%sql";

  /** One SQL cell: its notebook, its position among the notebook's cells, its name, its query. */
  public record Cell(String notebook, int index, String name, String sql) {
    @Override
    public String toString() {
      return notebook + " cell " + index + (name.isEmpty() ? "" : " (" + name + ")");
    }
  }

  private NotebookSql() {}

  /** The SQL cells of one {@code .ipynb} file, in order. */
  public static List<Cell> cells(Path notebook) throws NotebookException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(notebook));
    } catch (IOException e) {
      throw new NotebookException("cannot read notebook " + notebook + ": " + e.getMessage(), e);
    }
    JsonNode cells = root.path("cells");
    if (!cells.isArray()) {
      throw new NotebookException(notebook + " is not a Jupyter notebook (no cells array)");
    }
    List<Cell> out = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      JsonNode cell = cells.get(i);
      if (!"code".equals(cell.path("cell_type").asText())) {
        continue;
      }
      String source = source(cell.path("source"));
      String firstLine = source.lines().findFirst().orElse("").trim();
      if (!firstLine.equals(MAGIC) && !firstLine.startsWith(MAGIC + " ")) {
        continue;
      }
      String name = firstLine.substring(MAGIC.length()).trim();
      String sql =
          source.substring(source.indexOf('\n') < 0 ? source.length() : source.indexOf('\n') + 1);
      if (sql.isBlank()) {
        throw new NotebookException(notebook.getFileName() + " cell " + i + ": empty %%sql cell");
      }
      out.add(new Cell(notebook.getFileName().toString(), i, name, sql));
    }
    return out;
  }

  /** The placeholders and their locations for a job configuration's tables. */
  public static Map<String, String> tables(JobConfig c) {
    return Map.of(
        "results", c.resultsTable,
        "runs", c.runsTable,
        "patch_cache", c.patchCacheTable,
        "mar_files", c.marFilesTable,
        "mars", c.marsTable);
  }

  /** The query with every placeholder replaced by {@code delta.`location`}. */
  public static String substitute(String sql, Map<String, String> locations)
      throws NotebookException {
    Matcher m = PLACEHOLDER.matcher(sql);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String location = locations.get(m.group(1));
      if (location == null) {
        throw new NotebookException(
            "unknown table placeholder ${" + m.group(1) + "}; known: " + locations.keySet());
      }
      m.appendReplacement(
          b, Matcher.quoteReplacement("delta.`" + location.replace("`", "``") + "`"));
    }
    m.appendTail(b);
    return b.toString();
  }

  private static String source(JsonNode s) {
    if (s.isArray()) {
      StringBuilder b = new StringBuilder();
      s.forEach(line -> b.append(line.asText()));
      return b.toString();
    }
    return s.asText();
  }
}
