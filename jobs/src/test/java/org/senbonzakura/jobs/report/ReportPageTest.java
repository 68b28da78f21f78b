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

/** Rendering without Spark: escaping, axis scales and the page before any run. */
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
    assertTrue(html.contains("No runs recorded yet."));
    assertTrue(html.contains("No failed requests."));
    assertFalse(html.contains("<svg"));
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
    assertTrue(html.contains(">p&lt;</text>"), "legend text escaped");
    assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assertEquals(2, ReportPageBrowserTest.count(html, "<rect class=\"bar\""));
    assertEquals(5, ReportPageBrowserTest.count(html, "<rect class=\"segment\""));
    assertEquals(1, ReportPageBrowserTest.count(html, "<circle class=\"point\""));
  }
}
