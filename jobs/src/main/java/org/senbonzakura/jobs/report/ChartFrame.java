/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import java.util.List;

/**
 * The layout every chart of the report shares: an SVG canvas, the plot area inside its margins, the
 * value axes along the plot area and the legend above it. The charts only decide what to draw
 * inside the plot area.
 */
record ChartFrame(int width, int height, double left, double right, double top, double bottom) {
  private static final double LEGEND_BASELINE = 20;

  double plotWidth() {
    return width - left - right;
  }

  double plotHeight() {
    return height - top - bottom;
  }

  /** The plot area's bottom edge, where a value of zero sits on a vertical axis. */
  double baseline() {
    return top + plotHeight();
  }

  Svg open(String cssClass, String title) {
    return new Svg(cssClass, width, height, title);
  }

  /** A vertical value axis along the plot area's left edge. */
  void yAxis(Svg svg, NiceScale scale, String unit) {
    Axes.yAxis(svg, left, top, plotWidth(), plotHeight(), scale, unit);
  }

  /** A horizontal value axis along the plot area's bottom edge. */
  void xAxis(Svg svg, NiceScale scale, String unit) {
    Axes.xAxis(svg, left, top, plotWidth(), plotHeight(), scale, unit);
  }

  void legend(Svg svg, List<String> names, List<String> colours) {
    Legend.draw(svg, left, LEGEND_BASELINE, names, colours);
  }

  void legend(Svg svg, List<Series> series) {
    legend(
        svg,
        series.stream().map(Series::name).toList(),
        series.stream().map(Series::colour).toList());
  }
}
