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
}
