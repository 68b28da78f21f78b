/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

/**
 * Everything mbsdiff's greedy scan carries from one turn of its outer loop to the next, taken at
 * the top of the loop: the position where the last match was found and its length and old position
 * ({@code scan}, {@code len}, {@code pos}), and where the last triple left the two files ({@code
 * lastscan}, {@code lastpos}, {@code lastoffset}). The scan's other variables are reset inside the
 * loop, and the search depends only on the position, so two runs that reach equal states emit equal
 * triples from there on: this is what lets the exact scan run in parallel chunks ({@link
 * ExactScan}).
 */
record ExactScanState(int scan, int len, int pos, int lastscan, int lastpos, int lastoffset) {
  /** The state before the first search, as if the previous match ended at old {@code oldPos}. */
  static ExactScanState start(int scan, int oldPos) {
    return new ExactScanState(scan, 0, 0, scan, oldPos, oldPos - scan);
  }
}
