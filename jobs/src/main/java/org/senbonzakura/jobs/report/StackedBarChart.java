/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import java.util.List;

/**
 * Horizontal stacked bars, one bar per category with one segment per series: used for the time each
 * run spent in each phase. Every segment is a {@code <rect class="segment">}.
 */
public final class StackedBarChart {
  private static final double ROW = 26;

  private StackedBarChart() {}

  public static String render(
      String cssClass, String title, String unit, List<String> categories, List<Series> series) {
    double top = 40;
    double bottom = 40;
    int height = (int) Math.ceil(top + Math.max(1, categories.size()) * ROW + bottom);
    ChartFrame frame = new ChartFrame(900, height, 200, 30, top, bottom);
    Svg svg = frame.open(cssClass, title);
    NiceScale scale = NiceScale.of(Series.maxTotal(series, categories.size()), 6);
    frame.xAxis(svg, scale, unit);
    frame.legend(svg, series);
    for (int c = 0; c < categories.size(); c++) {
      double y = top + c * ROW + 4;
      double x = frame.left();
      svg.text(x - 8, y + ROW / 2 + 2, "end", categories.get(c));
      for (Series s : series) {
        double value = s.value(c);
        double w = frame.plotWidth() * value / scale.max();
        String tip = categories.get(c) + " " + s.name() + ": " + NiceScale.label(value) + unit;
        svg.rect("segment", x, y, w, ROW - 8, s.colour(), tip);
        x += w;
      }
    }
    return svg.end();
  }
}
