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
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ")
        .append(Html.escape(cssClass))
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(title))
        .append("\">");
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  Svg rect(String cls, double x, double y, double w, double h, String fill, String tooltip) {
    b.append("<rect class=\"")
        .append(Html.escape(cls))
        .append("\" x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\" width=\"")
        .append(num(Math.max(0, w)))
        .append("\" height=\"")
        .append(num(Math.max(0, h)))
        .append("\" fill=\"")
        .append(Html.escape(fill))
        .append("\">");
    title(tooltip);
    b.append("</rect>");
    return this;
  }

  Svg circle(String cls, double cx, double cy, double r, String fill, String tooltip) {
    b.append("<circle class=\"")
        .append(Html.escape(cls))
        .append("\" cx=\"")
        .append(num(cx))
        .append("\" cy=\"")
        .append(num(cy))
        .append("\" r=\"")
        .append(num(r))
        .append("\" fill=\"")
        .append(Html.escape(fill))
        .append("\">");
    title(tooltip);
    b.append("</circle>");
    return this;
  }

  Svg line(double x1, double y1, double x2, double y2, String stroke) {
    b.append("<line x1=\"")
        .append(num(x1))
        .append("\" y1=\"")
        .append(num(y1))
        .append("\" x2=\"")
        .append(num(x2))
        .append("\" y2=\"")
        .append(num(y2))
        .append("\" stroke=\"")
        .append(Html.escape(stroke))
        .append("\" stroke-width=\"1\"/>");
    return this;
  }

  /** Text; {@code anchor} is start, middle or end. */
  Svg text(double x, double y, String anchor, String text) {
    b.append("<text x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\" text-anchor=\"")
        .append(Html.escape(anchor))
        .append("\">")
        .append(Html.escape(text))
        .append("</text>");
    return this;
  }

  /** Text rotated by {@code degrees} around its anchor point. */
  Svg rotatedText(double x, double y, int degrees, String anchor, String text) {
    b.append("<text x=\"")
        .append(num(x))
        .append("\" y=\"")
        .append(num(y))
        .append("\" text-anchor=\"")
        .append(Html.escape(anchor))
        .append("\" transform=\"rotate(")
        .append(degrees)
        .append(' ')
        .append(num(x))
        .append(' ')
        .append(num(y))
        .append(")\">")
        .append(Html.escape(text))
        .append("</text>");
    return this;
  }

  private void title(String tooltip) {
    if (tooltip != null && !tooltip.isEmpty()) {
      b.append("<title>").append(Html.escape(tooltip)).append("</title>");
    }
  }

  String end() {
    return b.append("</svg>").toString();
  }
}
