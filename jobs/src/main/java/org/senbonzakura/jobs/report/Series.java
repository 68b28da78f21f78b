/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import java.util.List;

/** One named, coloured series of values, one per chart category (null = no value). */
public record Series(String name, String colour, List<Double> values) {
  public Series {
    values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
  }

  /** The value for category {@code c}, with no value counting as zero. */
  double value(int c) {
    Double v = values.get(c);
    return v == null ? 0 : v;
  }

  /** The largest single value of all the series (0 when there is none). */
  static double max(List<Series> series) {
    double max = 0;
    for (Series s : series) {
      for (int c = 0; c < s.values().size(); c++) {
        max = Math.max(max, s.value(c));
      }
    }
    return max;
  }

  /** The largest sum over the series of one category's values (0 when there is none). */
  static double maxTotal(List<Series> series, int categories) {
    double max = 0;
    for (int c = 0; c < categories; c++) {
      double total = 0;
      for (Series s : series) {
        total += s.value(c);
      }
      max = Math.max(max, total);
    }
    return max;
  }
}
