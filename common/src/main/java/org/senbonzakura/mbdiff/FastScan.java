/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

/**
 * Fast mode's match search over one range of the new file, emitting control triples. Unlike
 * mbsdiff's greedy scan, which runs a binary search of the suffix array at almost every byte, it:
 *
 * <ol>
 *   <li>first checks whether the current alignment simply goes on ({@link KgramIndex#K} equal bytes
 *       at the previous match's offset): then it extends that match exactly and jumps to its end,
 *       with no lookup at all;
 *   <li>otherwise looks the {@link KgramIndex#K} bytes at this position up in the {@link
 *       KgramIndex}: one memory access rejects most positions that cannot start a match; and checks
 *       the {@link #RECENT} alignments used before the current one for an exact run here (one the
 *       table missed, or a longer one, wins);
 *   <li>on a hit, takes the longest exact match among the candidates and, if it has the current
 *       alignment's offset, jumps to its end;
 *   <li>else keeps it only if it is at least {@link #MIN_MATCH} bytes and beats the current
 *       alignment on those bytes by more than {@link #MARGIN} (what a control triple and the break
 *       in the diff block cost), and jumps to its end either way.
 * </ol>
 *
 * A kept match closes the previous one: mbsdiff's approximate-match rule ({@link ApproxExtension})
 * extends the previous alignment forward and the new one backward across the gap, so neighbouring
 * matches with the same offset link up across small differences and the gap's remaining bytes go to
 * the extra block.
 */
final class FastScan {
  /** Shortest match worth a control triple of its own. */
  static final int MIN_MATCH = 14;

  /** How many more bytes than the current alignment a new match must get right to be kept. */
  static final int MARGIN = 10;

  /**
   * How many earlier alignments (offsets before the current one, most recent first) are checked for
   * an exact run wherever the current one breaks. Code moved by an insertion often returns to an
   * earlier offset, and a run there may not be found through the table: its strings may be past a
   * crowded slot run ({@link KgramIndex#PROBES}) or not sampled. 4 was the best of 2–8 on the minor
   * libxul pair (docs/benchmarks.md); more let stale offsets win.
   */
  static final int RECENT = 4;

  /** The earlier offsets, most recent first (0 until the scan has moved that often). */
  private final int[] recent = new int[RECENT];

  private final KgramIndex index;
  private final byte[] old;
  private final NewBytes neu;

  FastScan(KgramIndex index, NewBytes neu) {
    this.index = index;
    this.old = index.old();
    this.neu = neu;
  }

  /**
   * One scanned range: its triples, the old cursor it started at and where it is after the last
   * add.
   */
  record Range(ControlTriples triples, int oldStart, int oldAfterLastAdd) {}

  /**
   * The offset (old − new position) of the last match kept when scanning {@code neu[from..to)} from
   * offset 0: where a scan starting at {@code to} should assume the alignment is.
   */
  int warmUp(int from, int to) {
    return run(from, to, 0, null)[0];
  }

  /** Scans {@code neu[start..end)} assuming the current alignment has offset {@code offset}. */
  Range scan(int start, int end, int offset) {
    long startPos = Math.max(0, Math.min((long) start + offset, old.length));
    ControlTriples out = new ControlTriples();
    int[] state = run(start, end, (int) (startPos - start), out);
    return new Range(out, (int) startPos, state[1]);
  }

  /**
   * The scan proper. Emits into {@code out} unless it is null (warm-up); returns {final offset, old
   * cursor after the last add}.
   */
  private int[] run(int start, int end, int offset, ControlTriples out) {
    final int oldsize = old.length;
    final int k = KgramIndex.READ;
    int lastscan = start;
    int lastpos = start + offset;
    int lastoffset = offset;
    missFrom = 0;
    missTo = 0;
    int p = start;
    while (p + k <= end) {
      int cur = p + lastoffset;
      if (cur >= 0
          && cur + k <= oldsize
          && neu.long8(p) == (long) NewBytes.LE_LONGS.get(old, cur)
          && neu.long8(p + 8) == (long) NewBytes.LE_LONGS.get(old, cur + 8)) {
        // The current alignment goes on: jump over its exact run.
        int n = Math.min(end - p, oldsize - cur);
        int m = neu.mismatch(p + k, old, cur + k, n - k);
        p += m < 0 ? n : k + m;
        continue;
      }
      boolean found = best(p, end, lastscan, cur);
      if (recent(p, end, lastscan, lastoffset) && (!found || recentLen > hitLen)) {
        // An alignment used a little earlier comes back, and the table missed it or found less.
        hitNew = recentNew;
        hitOld = recentOld;
        hitLen = recentLen;
        found = true;
      }
      if (!found) {
        p++;
        continue;
      }
      int at = p;
      p = hitNew;
      int pos = hitOld;
      int len = hitLen;
      if (pos - p == lastoffset) {
        p += len;
        continue;
      }
      if (len < MIN_MATCH || len <= score(p, len, lastoffset) + MARGIN) {
        // Not worth a triple here; the current alignment (or the extra block) covers it.
        p = len < MIN_MATCH ? at + 1 : p + len;
        continue;
      }
      int lenf = ApproxExtension.forward(old, neu, lastscan, lastpos, p);
      int lenb = ApproxExtension.backward(old, neu, p, pos, lastscan);
      int overlap = (lastscan + lenf) - (p - lenb);
      if (overlap > 0) {
        int keep =
            ApproxExtension.split(
                old, neu, lastscan + lenf, lastpos + lenf, p - lenb, pos - lenb, overlap);
        lenf += keep - overlap;
        lenb -= keep;
      }
      if (out != null) {
        out.add(lenf, (p - lenb) - (lastscan + lenf), (pos - lenb) - (lastpos + lenf));
      }
      lastscan = p - lenb;
      lastpos = pos - lenb;
      if (pos - p != lastoffset) {
        System.arraycopy(recent, 0, recent, 1, RECENT - 1);
        recent[0] = lastoffset;
      }
      lastoffset = pos - p;
      p += len;
    }
    int lenf = lastpos < 0 ? 0 : ApproxExtension.forward(old, neu, lastscan, lastpos, end);
    if (out != null && (lastscan < end || out.size() == 0)) {
      out.add(lenf, end - (lastscan + lenf), 0);
    }
    return new int[] {lastoffset, lastpos + lenf};
  }

  // The exact run found by the last recent() call: its start in new and old, and its length.
  private int recentNew;
  private int recentOld;
  private int recentLen;

  /**
   * Whether one of the {@link #RECENT} earlier offsets (other than {@code lastoffset}) has the
   * {@link KgramIndex#READ} bytes at {@code p}; the first that does gives its exact run, taken back
   * to where it starts (not before {@code lastscan}).
   */
  private boolean recent(int p, int end, int lastscan, int lastoffset) {
    final int k = KgramIndex.READ;
    for (int o : recent) {
      int c = p + o;
      if (o == lastoffset
          || c < 0
          || c + k > old.length
          || neu.long8(p) != (long) NewBytes.LE_LONGS.get(old, c)
          || neu.long8(p + 8) != (long) NewBytes.LE_LONGS.get(old, c + 8)) {
        continue;
      }
      int n = Math.min(end - p, old.length - c);
      int m = neu.mismatch(p + k, old, c + k, n - k);
      int back = 0;
      for (int most = Math.min(p - lastscan, c);
          back < most && old[c - back - 1] == neu.get(p - back - 1);
          back++) {}
      recentNew = p - back;
      recentOld = c - back;
      recentLen = (m < 0 ? n : k + m) + back;
      return true;
    }
    return false;
  }

  /**
   * The new positions {@code [missFrom, missTo)} whose strings the table does not have. Each call
   * of {@link #best} looks up {@code step} positions and the scan usually moves on by one, so
   * without this most positions would be looked up {@code step} times; whether a lookup finds
   * anything depends on the position alone (within one {@link #run}: same end), so skipping it
   * changes nothing.
   */
  private int missFrom;

  private int missTo;

  // The best hit of the last best() call: its start in new and old, and its length.
  private int hitNew;
  private int hitOld;
  private int hitLen;

  /**
   * Looks up the strings at {@code p} and the next {@code step − 1} positions (old is sampled every
   * step bytes, so a match that starts at p may be indexed only at one of them) and keeps the
   * longest exact match, each taken back to where it really starts (not before {@code lastscan}).
   * Taking the first hit instead would let a short match at p hide a long one starting a byte
   * later. On equal length the one nearest {@code preferredPos} (at p) wins. False when none.
   */
  private boolean best(int p, int end, int lastscan, int preferredPos) {
    hitLen = 0;
    int stop = Math.min(p + index.step(), end - KgramIndex.READ + 1);
    for (int q = p; q < stop; q++) {
      if (q >= missFrom && q < missTo) {
        continue; // looked up by an earlier call: nothing there
      }
      long hit = index.find(neu, q, end, preferredPos + (q - p));
      int len = (int) hit;
      if (len == 0) {
        if (q != missTo) {
          missFrom = q;
        }
        missTo = q + 1;
        continue;
      }
      int pos = (int) (hit >>> 32);
      int back = 0;
      for (int most = Math.min(q - lastscan, pos);
          back < most && old[pos - back - 1] == neu.get(q - back - 1);
          back++) {}
      len += back;
      if (len > hitLen
          || (len == hitLen
              && Math.abs((long) pos - back - (preferredPos + q - back - p))
                  < Math.abs((long) hitOld - (preferredPos + hitNew - p)))) {
        hitNew = q - back;
        hitOld = pos - back;
        hitLen = len;
      }
    }
    return hitLen > 0;
  }

  /** How many of {@code neu[p..p+len)} the alignment with offset {@code offset} gets right. */
  private int score(int p, int len, int offset) {
    int s = 0;
    int from = Math.max(p, -offset);
    int to = (int) Math.min((long) p + len, (long) old.length - offset);
    for (int q = from; q < to; q++) {
      if (old[q + offset] == neu.get(q)) {
        s++;
      }
    }
    return s;
  }
}
