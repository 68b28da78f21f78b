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
  private static final int WIDTH = 900;
  private static final int HEIGHT = 380;
  private static final double LEFT = 60;
  private static final double RIGHT = 160;
  private static final double TOP = 40;
  private static final double BOTTOM = 130;

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
    Svg svg = new Svg(cssClass, WIDTH, HEIGHT, title);
    double dataMax = 0;
    for (Series s : series) {
      for (Double v : s.values()) {
        if (v != null) {
          dataMax = Math.max(dataMax, v);
        }
      }
    }
    NiceScale scale = NiceScale.of(fixedMax > 0 ? fixedMax : dataMax, 5);
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    Axes.yAxis(svg, LEFT, TOP, plotW, plotH, scale, unit);
    Legend.draw(
        svg,
        LEFT,
        20,
        series.stream().map(Series::name).toList(),
        series.stream().map(Series::colour).toList());
    int n = Math.max(1, categories.size());
    double groupW = plotW / n;
    double barW = Math.min(40, groupW * 0.8 / Math.max(1, series.size()));
    for (int c = 0; c < categories.size(); c++) {
      double gx = LEFT + c * groupW + (groupW - barW * series.size()) / 2;
      for (int s = 0; s < series.size(); s++) {
        Double v = series.get(s).values().get(c);
        double value = v == null ? 0 : v;
        double h = plotH * Math.min(value, scale.max()) / scale.max();
        svg.rect(
            "bar",
            gx + s * barW,
            TOP + plotH - h,
            barW - 2,
            h,
            series.get(s).colour(),
            categories.get(c) + " " + series.get(s).name() + ": " + NiceScale.label(value) + unit);
      }
      svg.rotatedText(
          LEFT + c * groupW + groupW / 2, TOP + plotH + 14, 30, "start", categories.get(c));
    }
    return svg.end();
  }
}
