/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Reads a report page (or a browser's dump of it) as a parsed DOM, so that the report's tests
 * assert on what the page says (elements, cells by column) rather than on its exact markup. Shared
 * by every test that looks at a report page.
 */
public final class ReportDom {
  private final Document doc;

  private ReportDom(Document doc) {
    this.doc = doc;
  }

  /** Parses a page as a browser would (HTML5 rules, inline SVG included). */
  public static ReportDom parse(String html) {
    return new ReportDom(Jsoup.parse(html));
  }

  /** How many elements match a CSS selector, e.g. {@code rect.bar}. */
  public int count(String cssSelector) {
    return doc.select(cssSelector).size();
  }

  /** The elements that match a CSS selector. */
  public Elements select(String cssSelector) {
    return doc.select(cssSelector);
  }

  /**
   * The rows of the table inside {@code container} (a CSS selector, e.g. {@code #runs}), each as
   * its cells' text by column header, in page order.
   */
  public List<Map<String, String>> tableRows(String container) {
    Element table = doc.selectFirst(container + " table");
    if (table == null) {
      throw new AssertionError("no table in " + container);
    }
    List<String> headers = table.select("thead th").eachText();
    List<Map<String, String>> rows = new ArrayList<>();
    for (Element tr : table.select("tbody tr")) {
      Elements cells = tr.select("td");
      if (cells.size() != headers.size()) {
        throw new AssertionError("row with " + cells.size() + " cells under " + headers);
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < cells.size(); i++) {
        row.put(headers.get(i), cells.get(i).text());
      }
      rows.add(row);
    }
    return rows;
  }
}
