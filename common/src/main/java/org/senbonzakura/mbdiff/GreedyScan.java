/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.util.concurrent.CancellationException;

/**
 * mbsdiff's greedy scan (post bug 1434513) over one range of the new file, emitting control
 * triples. Over the whole file from old position 0 this reproduces Mozilla's mbsdiff exactly:
 * accept a new alignment when it continues the old one or beats it by more than 10 bytes, extend
 * the previous match forward and the new one backward maximising 3·matches − 2·length, split any
 * overlap where most bytes match, and seek in old to the new match. Arithmetic is 32-bit like the C
 * code, so even its wrap-around behaviour is the same.
 */
final class GreedyScan {
  private final MatchFinder index;
  private final OldBytes old;

  /** {@code old.array()}: the old file's heap array, or null when it is mapped. */
  private final byte[] heap;

  private final NewBytes neu;

  /**
   * A scan of {@code neu} against {@code index}'s old file. Its byte loops read the old file
   * through a local holding its heap array (null when mapped) and {@link OldBytes#get(byte[],
   * OldBytes, int)}, so the heap form reads {@code byte[]} directly, not through {@link OldBytes}
   * per byte (see {@link OldBytes}).
   */
  GreedyScan(MatchFinder index, NewBytes neu) {
    this.index = index;
    this.old = index.oldBytes();
    this.heap = old.array();
    this.neu = neu;
  }

  /** Result of scanning one range: its triples and where the old cursor is after the last add. */
  static final class Range {
    final ControlTriples triples;
    final int oldAfterLastAdd;

    Range(ControlTriples triples, int oldAfterLastAdd) {
      this.triples = triples;
      this.oldAfterLastAdd = oldAfterLastAdd;
    }
  }

  /**
   * Scans {@code neu[start..end)}, starting as if the previous match ended at old position {@code
   * startPos} (mbsdiff starts the file at 0). Matches never reach past {@code end}.
   */
  Range scan(int start, int end, int startPos) {
    Stop r = run(ExactScanState.start(start, startPos), end, end, null, null);
    return new Range(r.triples, r.oldAfterLastAdd);
  }

  /** Where {@link #run} stopped: its triples, the state there, and whether it met its target. */
  static final class Stop {
    final ControlTriples triples;
    final int oldAfterLastAdd;

    /** The state at the top of the loop where the run stopped; null when it reached the end. */
    final ExactScanState state;

    /** The mark at which the run reached a state its target recorded, or -1. */
    final int metMark;

    Stop(ControlTriples triples, int oldAfterLastAdd, ExactScanState state, int metMark) {
      this.triples = triples;
      this.oldAfterLastAdd = oldAfterLastAdd;
      this.state = state;
      this.metMark = metMark;
    }
  }

  /**
   * Runs the scan from {@code from} (a state at the top of its loop) until the top of the loop
   * reaches {@code stopAt} or the scan reaches {@code end} (the end of the searched range, which is
   * also where it emits its final triple). With {@code marks}, records the state at each of its
   * marks (see {@link ExactScanMarks}); with {@code target}, stops as soon as a recorded state
   * equals the target's at the same mark: from that state on, the two runs' outputs are equal.
   */
  Stop run(ExactScanState from, int stopAt, int end, ExactScanMarks marks, ExactScanMarks target) {
    ControlTriples out = new ControlTriples();
    byte[] a = heap; // null when mapped: one form per scan
    int oldsize = old.length();
    int scan = from.scan();
    int len = from.len();
    int pos = from.pos();
    int lastscan = from.lastscan();
    int lastpos = from.lastpos();
    int lastoffset = from.lastoffset();
    int oldAfterAdd = lastpos;
    long nextMark = marks == null ? Long.MAX_VALUE : marks.nextMark();
    while (scan < end) {
      if (scan >= nextMark) {
        // The first top of the loop at or past one or more marks: record it for each of them.
        if (target == null && Thread.currentThread().isInterrupted()) {
          // A speculative run whose result is no longer wanted (the in-scan verdict stopped).
          throw new CancellationException("scan stopped");
        }
        ExactScanState here = new ExactScanState(scan, len, pos, lastscan, lastpos, lastoffset);
        for (; nextMark <= scan; nextMark = marks.nextMark()) {
          int j = marks.record(here, out.size());
          if (target != null && target.matches(j, here)) {
            return new Stop(out, oldAfterAdd, here, j);
          }
        }
      }
      if (scan >= stopAt) {
        return new Stop(
            out,
            oldAfterAdd,
            new ExactScanState(scan, len, pos, lastscan, lastpos, lastoffset),
            -1);
      }
      int oldscore = 0;
      int scsc;
      for (scsc = scan += len; scan < end; scan++) {
        long m = index.search(neu, scan, end, scan + lastoffset);
        len = (int) m;
        pos = (int) (m >>> 32);
        for (; scsc < scan + len; scsc++) {
          int o = scsc + lastoffset;
          if (o < oldsize && o >= 0 && OldBytes.get(a, old, o) == neu.get(scsc)) {
            oldscore++;
          }
        }
        if ((len == oldscore && len != 0) || len > oldscore + 10) {
          break;
        }
        int o = scan + lastoffset;
        if (o < oldsize && o >= 0 && OldBytes.get(a, old, o) == neu.get(scan)) {
          oldscore--;
        }
      }
      if (len != oldscore || scan == end) {
        int s = 0;
        int sf = 0;
        int lenf = 0;
        for (int i = 0; lastscan + i < scan && lastpos + i < oldsize; ) {
          if (OldBytes.get(a, old, lastpos + i) == neu.get(lastscan + i)) {
            s++;
          }
          i++;
          if (s * 3 - i * 2 > sf * 3 - lenf * 2) {
            sf = s;
            lenf = i;
          }
        }
        int lenb = 0;
        if (scan < end) {
          s = 0;
          int sb = 0;
          for (int i = 1; scan >= lastscan + i && pos >= i; i++) {
            if (OldBytes.get(a, old, pos - i) == neu.get(scan - i)) {
              s++;
            }
            if (s * 3 - i * 2 > sb * 3 - lenb * 2) {
              sb = s;
              lenb = i;
            }
          }
        }
        if (lastscan + lenf > scan - lenb) {
          int overlap = (lastscan + lenf) - (scan - lenb);
          s = 0;
          int ss = 0;
          int lens = 0;
          for (int i = 0; i < overlap; i++) {
            if (neu.get(lastscan + lenf - overlap + i)
                == OldBytes.get(a, old, lastpos + lenf - overlap + i)) {
              s++;
            }
            if (neu.get(scan - lenb + i) == OldBytes.get(a, old, pos - lenb + i)) {
              s--;
            }
            if (s > ss) {
              ss = s;
              lens = i + 1;
            }
          }
          lenf += lens - overlap;
          lenb -= lens;
        }
        out.add(lenf, (scan - lenb) - (lastscan + lenf), (pos - lenb) - (lastpos + lenf));
        oldAfterAdd = lastpos + lenf;
        lastscan = scan - lenb;
        lastpos = pos - lenb;
        lastoffset = pos - scan;
      }
    }
    return new Stop(out, oldAfterAdd, null, -1);
  }
}
