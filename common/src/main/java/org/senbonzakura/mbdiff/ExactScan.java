/* This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of
 * the MPL was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

/**
 * Exact mode's plan: the control triples mbsdiff's greedy scan would emit for {@code neu}. One
 * entry point, so that how the exact scan is run (serially, or in parallel chunks stitched where
 * they meet the serial scan's state) is decided here and nowhere else.
 */
final class ExactScan {
  private ExactScan() {}

  /** The exact scan's triples for the whole of {@code neu}. */
  static ControlTriples plan(MatchFinder index, NewBytes neu, DiffOptions opts)
      throws MbDiffException {
    return new GreedyScan(index, neu).scan(0, neu.length(), 0).triples;
  }
}
