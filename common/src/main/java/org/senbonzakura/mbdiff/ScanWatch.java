/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

/**
 * Sees a scan's control triples as they become final, in new-file order, and may stop the scan.
 * This is how the in-scan "full wins" verdict ({@link RunningVerdict}) reads the patch while it is
 * being planned; the scan itself never depends on the watch, so a scan that is not stopped gives
 * the same triples as without it.
 */
interface ScanWatch {
  /** Never stops the scan. */
  ScanWatch NONE = (triples, settled) -> true;

  /**
   * Triples {@code [0, settled)} of {@code triples} are final, seeks included, and {@code settled}
   * only grows from call to call (the list is the same object throughout, appended to). False: stop
   * scanning, the patch is not wanted.
   */
  boolean proceed(ControlTriples triples, int settled) throws MbDiffException;
}
