/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

/** Finds, for a position of the new file, a long match in the old file. */
interface MatchFinder {
  /** The old file the matches are in. */
  OldBytes oldBytes();

  /**
   * A match for {@code neu[from..to)}, packed as {@code (long) pos << 32 | len}; {@code
   * preferredPos} (where continuing the current alignment would land) may break ties.
   */
  long search(NewBytes neu, int from, int to, int preferredPos);
}
