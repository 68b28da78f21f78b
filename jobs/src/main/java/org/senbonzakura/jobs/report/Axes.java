/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

/** Draws gridlines, ticks and labels for the charts' value axes. */
final class Axes {
  private Axes() {}

  /** A vertical value axis at {@code left}, growing upwards from {@code top + height}. */
  static void yAxis(
      Svg svg, double left, double top, double width, double height, NiceScale s, String unit) {
    for (int i = 0; i <= s.intervals(); i++) {
      double v = i * s.step();
      double y = top + height - height * v / s.max();
      svg.line(left, y, left + width, y, i == 0 ? "#555555" : "#e2e2e2");
      svg.text(left - 6, y + 4, "end", NiceScale.label(v) + unit);
    }
  }

  /** A horizontal value axis at {@code top + height}, growing to the right from {@code left}. */
  static void xAxis(
      Svg svg, double left, double top, double width, double height, NiceScale s, String unit) {
    for (int i = 0; i <= s.intervals(); i++) {
      double v = i * s.step();
      double x = left + width * v / s.max();
      svg.line(x, top, x, top + height, i == 0 ? "#555555" : "#e2e2e2");
      svg.text(x, top + height + 16, "middle", NiceScale.label(v) + unit);
    }
  }
}
