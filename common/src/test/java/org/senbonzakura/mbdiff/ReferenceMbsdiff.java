/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A plain, single-threaded model of Mozilla's mbsdiff for tests: a suffix array by comparison sort
 * (with the empty suffix first), the recursive binary search comparing whole common prefixes, and
 * the greedy scan writing all three blocks into memory. Slow and obvious on purpose; the production
 * differ must produce the same bytes.
 */
final class ReferenceMbsdiff {
  private ReferenceMbsdiff() {}

  static byte[] diff(byte[] old, byte[] neu) {
    int n = old.length;
    Integer[] order = new Integer[n + 1];
    for (int i = 0; i <= n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(old, a, n, old, b, n));
    int[] sa = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      sa[i] = order[i];
    }

    ByteArrayOutputStream ctrl = new ByteArrayOutputStream();
    ByteArrayOutputStream db = new ByteArrayOutputStream();
    ByteArrayOutputStream eb = new ByteArrayOutputStream();
    int newsize = neu.length;
    int scan = 0;
    int len = 0;
    int pos = 0;
    int lastscan = 0;
    int lastpos = 0;
    int lastoffset = 0;
    while (scan < newsize) {
      int oldscore = 0;
      int scsc;
      for (scsc = scan += len; scan < newsize; scan++) {
        int[] found = search(sa, old, neu, scan, 0, n);
        len = found[0];
        pos = found[1];
        for (; scsc < scan + len; scsc++) {
          if (scsc + lastoffset < n && old[scsc + lastoffset] == neu[scsc]) {
            oldscore++;
          }
        }
        if ((len == oldscore && len != 0) || len > oldscore + 10) {
          break;
        }
        if (scan + lastoffset < n && old[scan + lastoffset] == neu[scan]) {
          oldscore--;
        }
      }
      if (len != oldscore || scan == newsize) {
        int s = 0;
        int bestF = 0;
        int lenf = 0;
        for (int i = 1; lastscan + i <= scan && lastpos + i <= n; i++) {
          if (old[lastpos + i - 1] == neu[lastscan + i - 1]) {
            s++;
          }
          if (3 * s - 2 * i > 3 * bestF - 2 * lenf) {
            bestF = s;
            lenf = i;
          }
        }
        int lenb = 0;
        if (scan < newsize) {
          s = 0;
          int bestB = 0;
          for (int i = 1; scan >= lastscan + i && pos >= i; i++) {
            if (old[pos - i] == neu[scan - i]) {
              s++;
            }
            if (3 * s - 2 * i > 3 * bestB - 2 * lenb) {
              bestB = s;
              lenb = i;
            }
          }
        }
        if (lastscan + lenf > scan - lenb) {
          int overlap = (lastscan + lenf) - (scan - lenb);
          s = 0;
          int best = 0;
          int lens = 0;
          for (int i = 0; i < overlap; i++) {
            if (neu[lastscan + lenf - overlap + i] == old[lastpos + lenf - overlap + i]) {
              s++;
            }
            if (neu[scan - lenb + i] == old[pos - lenb + i]) {
              s--;
            }
            if (s > best) {
              best = s;
              lens = i + 1;
            }
          }
          lenf += lens - overlap;
          lenb -= lens;
        }
        for (int i = 0; i < lenf; i++) {
          db.write(neu[lastscan + i] - old[lastpos + i]);
        }
        int gap = (scan - lenb) - (lastscan + lenf);
        eb.write(neu, lastscan + lenf, gap);
        u32(ctrl, lenf);
        u32(ctrl, gap);
        u32(ctrl, (pos - lenb) - (lastpos + lenf));
        lastscan = scan - lenb;
        lastpos = pos - lenb;
        lastoffset = pos - scan;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("MBDIFF10".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    u32(out, n);
    u32(out, crc(old));
    u32(out, newsize);
    u32(out, ctrl.size());
    u32(out, db.size());
    u32(out, eb.size());
    out.writeBytes(ctrl.toByteArray());
    out.writeBytes(db.toByteArray());
    out.writeBytes(eb.toByteArray());
    return out.toByteArray();
  }

  /** mbsdiff's recursive search; returns {length, position}. */
  private static int[] search(int[] sa, byte[] old, byte[] neu, int from, int st, int en) {
    if (en - st < 2) {
      int x = matchlen(old, sa[st], neu, from);
      int y = matchlen(old, sa[en], neu, from);
      return x > y ? new int[] {x, sa[st]} : new int[] {y, sa[en]};
    }
    int mid = st + (en - st) / 2;
    int l = Math.min(old.length - sa[mid], neu.length - from);
    int cmp = Arrays.compareUnsigned(old, sa[mid], sa[mid] + l, neu, from, from + l);
    return cmp < 0 ? search(sa, old, neu, from, mid, en) : search(sa, old, neu, from, st, mid);
  }

  private static int matchlen(byte[] old, int p, byte[] neu, int from) {
    int i = 0;
    while (p + i < old.length && from + i < neu.length && old[p + i] == neu[from + i]) {
      i++;
    }
    return i;
  }

  /** CRC-32/BZIP2 computed bit by bit, independent of the production table. */
  static int crc(byte[] data) {
    int c = 0xFFFFFFFF;
    for (byte b : data) {
      c ^= (b & 0xFF) << 24;
      for (int k = 0; k < 8; k++) {
        c = c < 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
      }
    }
    return ~c;
  }

  private static void u32(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
