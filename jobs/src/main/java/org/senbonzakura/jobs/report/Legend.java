/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import java.util.List;

/** Draws a one-line legend (colour swatch and name per entry) at the top of a chart. */
final class Legend {
  private Legend() {}

  static void draw(Svg svg, double x, double y, List<String> names, List<String> colours) {
    double cx = x;
    for (int i = 0; i < names.size(); i++) {
      svg.rect("legend-swatch", cx, y - 10, 12, 12, colours.get(i), null);
      svg.text(cx + 16, y, "start", names.get(i));
      cx += 28 + 7.5 * names.get(i).length();
    }
  }
}
