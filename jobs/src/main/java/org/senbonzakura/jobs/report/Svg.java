/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import java.util.Locale;

/**
 * A tiny writer of inline SVG: just the shapes the report's charts use. All text and attribute
 * values are escaped here, so a chart can never inject markup into the page.
 */
final class Svg {
  private final StringBuilder b = new StringBuilder();

  Svg(String cssClass, int width, int height, String title) {
    open(
        "svg",
        "xmlns",
        "http://www.w3.org/2000/svg",
        "class",
        "chart " + cssClass,
        "width",
        width,
        "height",
        height,
        "viewBox",
        "0 0 " + width + " " + height,
        "role",
        "img",
        "aria-label",
        title);
    b.append('>');
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  Svg rect(String cls, double x, double y, double w, double h, String fill, String tooltip) {
    open("rect", "class", cls, "x", x, "y", y, "width", Math.max(0, w), "height", Math.max(0, h));
    return filled("rect", fill, tooltip);
  }

  Svg circle(String cls, double cx, double cy, double r, String fill, String tooltip) {
    open("circle", "class", cls, "cx", cx, "cy", cy, "r", r);
    return filled("circle", fill, tooltip);
  }

  Svg line(double x1, double y1, double x2, double y2, String stroke) {
    open("line", "x1", x1, "y1", y1, "x2", x2, "y2", y2, "stroke", stroke, "stroke-width", 1);
    b.append("/>");
    return this;
  }

  /** Text; {@code anchor} is start, middle or end. */
  Svg text(double x, double y, String anchor, String text) {
    open("text", "x", x, "y", y, "text-anchor", anchor);
    return closeText(text);
  }

  /** Text rotated by {@code degrees} around its anchor point. */
  Svg rotatedText(double x, double y, int degrees, String anchor, String text) {
    String rotate = "rotate(" + degrees + " " + num(x) + " " + num(y) + ")";
    open("text", "x", x, "y", y, "text-anchor", anchor, "transform", rotate);
    return closeText(text);
  }

  /**
   * Starts an element: {@code <tag name="value" ...} from alternating names and values. Doubles are
   * written with one decimal, everything else as text; every value is escaped.
   */
  private void open(String tag, Object... namesAndValues) {
    b.append('<').append(tag);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object v = namesAndValues[i + 1];
      b.append(' ')
          .append(namesAndValues[i])
          .append("=\"")
          .append(Html.escape(v instanceof Double d ? num(d) : String.valueOf(v)))
          .append('"');
    }
  }

  /** Ends a shape's start tag with its fill, adds its tooltip and closes it. */
  private Svg filled(String tag, String fill, String tooltip) {
    b.append(" fill=\"").append(Html.escape(fill)).append("\">");
    if (tooltip != null && !tooltip.isEmpty()) {
      b.append("<title>").append(Html.escape(tooltip)).append("</title>");
    }
    b.append("</").append(tag).append('>');
    return this;
  }

  private Svg closeText(String text) {
    b.append('>').append(Html.escape(text)).append("</text>");
    return this;
  }

  String end() {
    return b.append("</svg>").toString();
  }
}
