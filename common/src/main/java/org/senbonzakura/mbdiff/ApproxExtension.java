/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

/**
 * mbsdiff's approximate-match rule (spec §3.6) as three small functions: a match is extended over
 * the bytes around it for as long as {@code 3·matches − 2·length} keeps its best value, so an
 * alignment survives the few changed bytes (relocated addresses, bumped constants) that separate
 * runs of equal code, and the diff block carries those bytes as small differences that compress
 * well. Where the previous match's forward extension and the next match's backward extension
 * overlap, the overlap is split where the previous alignment's matches most outnumber the next
 * one's.
 *
 * <p>Fast mode's scan ({@link FastScan}) uses these; exact mode's {@link GreedyScan} spells the
 * same loops out inline, in mbsdiff's 32-bit arithmetic.
 */
final class ApproxExtension {
  private ApproxExtension() {}

  /**
   * How far the alignment {@code new[from] ↔ old[oldFrom]} extends forward, at most to {@code
   * limit} in new and the end of old: the length with the best score.
   */
  static int forward(byte[] old, NewBytes neu, int from, int oldFrom, int limit) {
    int s = 0;
    int best = 0;
    int len = 0;
    int n = Math.min(limit - from, old.length - oldFrom);
    for (int i = 0; i < n; ) {
      if (old[oldFrom + i] == neu.get(from + i)) {
        s++;
      }
      i++;
      if (3 * s - 2 * i > 3 * best - 2 * len) {
        best = s;
        len = i;
      }
    }
    return len;
  }

  /**
   * How far the alignment {@code new[at] ↔ old[oldAt]} extends backward, down to {@code limit} in
   * new and the start of old: the length with the best score.
   */
  static int backward(byte[] old, NewBytes neu, int at, int oldAt, int limit) {
    int s = 0;
    int best = 0;
    int len = 0;
    int n = Math.min(at - limit, oldAt);
    for (int i = 1; i <= n; i++) {
      if (old[oldAt - i] == neu.get(at - i)) {
        s++;
      }
      if (3 * s - 2 * i > 3 * best - 2 * len) {
        best = s;
        len = i;
      }
    }
    return len;
  }

  /**
   * Splits {@code overlap} new bytes claimed by both the previous alignment (ending at {@code
   * prevEnd} in new, {@code prevOldEnd} in old) and the next (starting at {@code nextStart}, {@code
   * nextOldStart}): how many of them the previous alignment keeps.
   */
  static int split(
      byte[] old,
      NewBytes neu,
      int prevEnd,
      int prevOldEnd,
      int nextStart,
      int nextOldStart,
      int overlap) {
    int s = 0;
    int best = 0;
    int keep = 0;
    for (int i = 0; i < overlap; i++) {
      if (neu.get(prevEnd - overlap + i) == old[prevOldEnd - overlap + i]) {
        s++;
      }
      if (neu.get(nextStart + i) == old[nextOldStart + i]) {
        s--;
      }
      if (s > best) {
        best = s;
        keep = i + 1;
      }
    }
    return keep;
  }
}
