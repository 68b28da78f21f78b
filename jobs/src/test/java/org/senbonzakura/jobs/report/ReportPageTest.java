/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rendering without Spark: escaping, axis scales and the page before any run. Pages are read as a
 * parsed DOM ({@link ReportDom}).
 */
class ReportPageTest {
  @Test
  void escapesEveryMarkupCharacter() {
    assertEquals(
        "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&#xFFFD;", Html.escape("<a href=\"x\">&'\u0001"));
    assertEquals("", Html.escape(null));
  }

  @Test
  void niceScalesCoverTheDataWithRoundSteps() {
    assertEquals(new NiceScale(100, 20), NiceScale.of(100, 5));
    assertEquals(new NiceScale(100, 20), NiceScale.of(83, 5));
    NiceScale s = NiceScale.of(0.37, 5);
    assertEquals(0.4, s.max(), 1e-9);
    assertEquals(0.1, s.step(), 1e-9);
    assertEquals(4, s.intervals());
    assertEquals(new NiceScale(1, 0.2), NiceScale.of(0, 5));
    assertEquals("1,500", NiceScale.label(1500));
    assertEquals("0.25", NiceScale.label(0.25));
  }

  @Test
  void emptyTablesGiveAPageThatSaysSo() {
    String html =
        ReportPage.render(
            new ReportData(List.of(), List.of(), List.of(), List.of(), List.of(), 0),
            Instant.parse("2026-11-25T10:00:00Z"));
    ReportDom dom = ReportDom.parse(html);
    assertEquals("No runs recorded yet.", dom.select("#runs p.empty").text());
    assertTrue(dom.select("p").eachText().contains("No failed requests."));
    assertEquals(0, dom.count("svg"), "no chart without data");
  }

  @Test
  void hostileRunIdsAndErrorsAreEscapedInChartsAndTables() {
    ReportData.Run run =
        new ReportData.Run(
            "<img src=x onerror=alert(1)>",
            null,
            1000,
            1,
            0,
            0,
            1,
            1,
            0,
            1,
            0,
            0,
            1,
            1,
            1,
            1,
            1,
            "v\"1");
    String html =
        ReportPage.render(
            new ReportData(
                List.of(run),
                List.of(new ReportData.SizePoint("p<", "l>", "1", "2", 10, 100)),
                List.of(),
                List.of(new ReportData.Failure("r", "p", "l", "1", "2", "</td><script>", null)),
                List.of(new ReportData.Reason("</td><script>", 1)),
                1),
            Instant.EPOCH);
    assertFalse(html.contains("<img"));
    assertFalse(html.contains("<script"));
    ReportDom dom = ReportDom.parse(html);
    assertEquals(0, dom.count("img, script"), "no element made of the hostile text");
    assertTrue(dom.select("svg text").eachText().contains("p<"), "legend says p< as text");
    assertEquals(
        "<img src=x onerror=alert(1)>",
        dom.tableRows("#runs").get(0).get("run"),
        "the run id reads as text");
    assertTrue(
        dom.select("table.failures td.error").eachText().contains("</td><script>"),
        "the failure's reason reads as text");
    assertEquals(2, dom.count("rect.bar"), "one bar per cache layer of the run");
    assertEquals(5, dom.count("rect.segment"), "one segment per phase of the run");
    assertEquals(1, dom.count("circle.point"), "one point per partial size");
  }
}
