/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

/**
 * An axis range from zero to a round maximum, with evenly spaced round ticks (1, 2 or 5 times a
 * power of ten), so chart axes read naturally whatever the data's magnitude.
 */
public record NiceScale(double max, double step) {

  /** A scale covering {@code [0, dataMax]} with about {@code ticks} intervals. */
  public static NiceScale of(double dataMax, int ticks) {
    if (!(dataMax > 0) || Double.isInfinite(dataMax)) {
      return new NiceScale(1, 1.0 / ticks);
    }
    double raw = dataMax / ticks;
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / power;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    double step = nice * power;
    return new NiceScale(Math.ceil(dataMax / step - 1e-9) * step, step);
  }

  /** The number of intervals between ticks. */
  public int intervals() {
    return (int) Math.round(max / step);
  }

  /** A tick label: no decimals for whole numbers, else up to two significant decimals. */
  public static String label(double v) {
    if (Math.abs(v - Math.rint(v)) < 1e-9) {
      return String.format(java.util.Locale.ROOT, "%,d", (long) Math.rint(v));
    }
    return String.format(java.util.Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
  }
}
