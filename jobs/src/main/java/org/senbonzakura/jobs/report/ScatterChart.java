/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points on two value axes, coloured by group: used for partial size against complete size, one
 * point per partial, coloured by platform. Every point is a {@code <circle class="point">}.
 */
public final class ScatterChart {
  private static final ChartFrame FRAME = new ChartFrame(900, 420, 70, 30, 40, 50);

  /** One point. */
  public record Point(double x, double y, String group, String label) {}

  private ScatterChart() {}

  public static String render(
      String cssClass,
      String title,
      String xTitle,
      String yTitle,
      List<Point> points,
      List<String> palette) {
    Svg svg = FRAME.open(cssClass, title);
    double maxX = 0;
    double maxY = 0;
    Map<String, String> colours = new LinkedHashMap<>();
    for (Point p : points) {
      maxX = Math.max(maxX, p.x());
      maxY = Math.max(maxY, p.y());
      colours.computeIfAbsent(p.group(), g -> palette.get(colours.size() % palette.size()));
    }
    NiceScale sx = NiceScale.of(maxX, 6);
    NiceScale sy = NiceScale.of(maxY, 5);
    double plotW = FRAME.plotWidth();
    double plotH = FRAME.plotHeight();
    FRAME.yAxis(svg, sy, "");
    FRAME.xAxis(svg, sx, "");
    svg.text(FRAME.left() + plotW / 2, FRAME.height() - 8, "middle", xTitle);
    svg.rotatedText(16, FRAME.top() + plotH / 2, -90, "middle", yTitle);
    FRAME.legend(svg, new ArrayList<>(colours.keySet()), new ArrayList<>(colours.values()));
    for (Point p : points) {
      svg.circle(
          "point",
          FRAME.left() + plotW * p.x() / sx.max(),
          FRAME.baseline() - plotH * p.y() / sy.max(),
          5,
          colours.get(p.group()),
          p.label());
    }
    return svg.end();
  }
}
