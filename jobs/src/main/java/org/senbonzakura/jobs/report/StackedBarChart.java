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
  private static final int WIDTH = 900;
  private static final double LEFT = 200;
  private static final double RIGHT = 30;
  private static final double TOP = 40;
  private static final double BOTTOM = 40;
  private static final double ROW = 26;

  private StackedBarChart() {}

  public static String render(
      String cssClass, String title, String unit, List<String> categories, List<Series> series) {
    double plotH = Math.max(1, categories.size()) * ROW;
    int height = (int) Math.ceil(TOP + plotH + BOTTOM);
    Svg svg = new Svg(cssClass, WIDTH, height, title);
    double dataMax = 0;
    for (int c = 0; c < categories.size(); c++) {
      double total = 0;
      for (Series s : series) {
        Double v = s.values().get(c);
        total += v == null ? 0 : v;
      }
      dataMax = Math.max(dataMax, total);
    }
    NiceScale scale = NiceScale.of(dataMax, 6);
    double plotW = WIDTH - LEFT - RIGHT;
    Axes.xAxis(svg, LEFT, TOP, plotW, plotH, scale, unit);
    Legend.draw(
        svg,
        LEFT,
        20,
        series.stream().map(Series::name).toList(),
        series.stream().map(Series::colour).toList());
    for (int c = 0; c < categories.size(); c++) {
      double y = TOP + c * ROW + 4;
      double x = LEFT;
      svg.text(LEFT - 8, y + ROW / 2 + 2, "end", categories.get(c));
      for (Series s : series) {
        Double v = s.values().get(c);
        double value = v == null ? 0 : v;
        double w = plotW * value / scale.max();
        svg.rect(
            "segment",
            x,
            y,
            w,
            ROW - 8,
            s.colour(),
            categories.get(c) + " " + s.name() + ": " + NiceScale.label(value) + unit);
        x += w;
      }
    }
    return svg.end();
  }
}
