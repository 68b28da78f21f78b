/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import java.util.List;

/**
 * Vertical bars, one group per category and one bar per series in each group: used for cache hit
 * rates per run. Every bar is a {@code <rect class="bar">}, so a test can count them.
 */
public final class GroupedBarChart {
  private static final ChartFrame FRAME = new ChartFrame(900, 380, 60, 160, 40, 130);

  private GroupedBarChart() {}

  /**
   * Renders the chart.
   *
   * @param fixedMax the y axis maximum (e.g. 100 for percentages), or 0 to fit the data
   */
  public static String render(
      String cssClass,
      String title,
      String unit,
      List<String> categories,
      List<Series> series,
      double fixedMax) {
    Svg svg = FRAME.open(cssClass, title);
    NiceScale scale = NiceScale.of(fixedMax > 0 ? fixedMax : Series.max(series), 5);
    FRAME.yAxis(svg, scale, unit);
    FRAME.legend(svg, series);
    double groupW = FRAME.plotWidth() / Math.max(1, categories.size());
    double barW = Math.min(40, groupW * 0.8 / Math.max(1, series.size()));
    for (int c = 0; c < categories.size(); c++) {
      double groupX = FRAME.left() + c * groupW;
      double gx = groupX + (groupW - barW * series.size()) / 2;
      for (int s = 0; s < series.size(); s++) {
        Series one = series.get(s);
        double value = one.value(c);
        double h = FRAME.plotHeight() * Math.min(value, scale.max()) / scale.max();
        String tip = categories.get(c) + " " + one.name() + ": " + NiceScale.label(value) + unit;
        svg.rect("bar", gx + s * barW, FRAME.baseline() - h, barW - 2, h, one.colour(), tip);
      }
      svg.rotatedText(groupX + groupW / 2, FRAME.baseline() + 14, 30, "start", categories.get(c));
    }
    return svg.end();
  }
}
