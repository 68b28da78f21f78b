/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.util.Arrays;

/**
 * A run's states at fixed marks of the new file: for each multiple {@code j · step} after the run's
 * start, the scan's state at the first top of its loop at or past that offset, and how many triples
 * the run had emitted by then. Two runs over the same stretch are compared mark by mark: the first
 * top at or past a mark is the same loop turn in both once they agree, so equal states at a mark
 * mean that the runs have met (and from there emit the same triples), without keeping every state.
 */
final class ExactScanMarks {
  private static final int INTS = 7;

  private final int step;
  private final long first;
  private int[] data = new int[INTS * 16];
  private int count;

  /** Marks of a run whose first state is at {@code startScan}: the first mark is after it. */
  ExactScanMarks(int step, int startScan) {
    if (step < 1) {
      throw new IllegalArgumentException("mark step must be >= 1, got " + step);
    }
    this.step = step;
    this.first = startScan / step + 1L;
  }

  /** Offset in the new file of the next mark to record. */
  long nextMark() {
    return (first + count) * step;
  }

  /** Records {@code s} at the next mark; returns that mark's index. */
  int record(ExactScanState s, int triples) {
    if (INTS * (count + 1) > data.length) {
      data = Arrays.copyOf(data, 2 * data.length);
    }
    int at = INTS * count;
    data[at] = s.scan();
    data[at + 1] = s.len();
    data[at + 2] = s.pos();
    data[at + 3] = s.lastscan();
    data[at + 4] = s.lastpos();
    data[at + 5] = s.lastoffset();
    data[at + 6] = triples;
    return (int) (first + count++);
  }

  /** Index of the first recorded mark. */
  long firstIndex() {
    return first;
  }

  /** Index past the last recorded mark. */
  long endIndex() {
    return first + count;
  }

  boolean has(long j) {
    return j >= first && j < first + count;
  }

  /** Whether this run recorded exactly {@code s} at mark {@code j}. */
  boolean matches(long j, ExactScanState s) {
    if (!has(j)) {
      return false;
    }
    int at = INTS * (int) (j - first);
    return data[at] == s.scan()
        && data[at + 1] == s.len()
        && data[at + 2] == s.pos()
        && data[at + 3] == s.lastscan()
        && data[at + 4] == s.lastpos()
        && data[at + 5] == s.lastoffset();
  }

  /** Whether both runs recorded mark {@code j} with the same state. */
  boolean sameAt(long j, ExactScanMarks other) {
    return has(j) && other.matches(j, stateAt(j));
  }

  ExactScanState stateAt(long j) {
    int at = INTS * (int) (j - first);
    return new ExactScanState(
        data[at], data[at + 1], data[at + 2], data[at + 3], data[at + 4], data[at + 5]);
  }

  /** Triples the run had emitted when it reached mark {@code j}. */
  int triplesAt(long j) {
    return data[INTS * (int) (j - first) + 6];
  }
}
