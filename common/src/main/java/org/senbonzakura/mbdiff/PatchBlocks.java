/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The one rule for what control triples put in an MBDIFF10 patch's three blocks (spec §3): each
 * triple's three little-endian u32s in the control block, {@code add} bytes of new − old in the
 * diff block, {@code copy} literal new bytes in the extra block, then both files' positions move on
 * ({@code seek} applies to old). The patch writer and both size verdicts go through it, so what a
 * verdict measures is what the writer ships.
 *
 * <p>A cursor: it keeps the positions in both files between calls, so a caller can feed it the
 * triples as the scan settles them. Any block's sink may be {@code null} to skip that block's work
 * (the writer emits the blocks one after the other, in three passes).
 */
final class PatchBlocks {
  private final OldBytes old;
  private final NewBytes neu;
  private final byte[] buf;

  /** A piece of a mapped old file; null when the old file is a heap array, read directly. */
  private final byte[] oldBuf;

  private final byte[] control;
  private int newPos;
  private int oldPos;

  /**
   * A cursor at the start of both files that writes file bytes in pieces of {@code piece} bytes
   * (what one write to a sink may carry: small pieces keep an xz encoder's output close behind).
   */
  PatchBlocks(OldBytes old, NewBytes neu, int piece) {
    this(old, neu, 0, 0, piece);
  }

  /** A cursor at {@code newPos} in new and {@code oldPos} in old. */
  PatchBlocks(OldBytes old, NewBytes neu, int newPos, int oldPos, int piece) {
    this.old = old;
    this.neu = neu;
    this.newPos = newPos;
    this.oldPos = oldPos;
    this.buf = new byte[piece];
    this.oldBuf = old.array() != null ? null : new byte[piece];
    this.control = new byte[Math.max(12, piece / 12 * 12)];
  }

  /**
   * Writes triples {@code [from, to)} of {@code t} to the sinks of the blocks wanted and moves the
   * cursor past them.
   */
  void write(
      ControlTriples t,
      int from,
      int to,
      OutputStream controlBlock,
      OutputStream diffBlock,
      OutputStream extraBlock)
      throws IOException {
    int n = 0;
    for (int i = from; i < to; i++) {
      int x = t.add(i);
      int y = t.copy(i);
      if (controlBlock != null) {
        if (n + 12 > control.length) {
          controlBlock.write(control, 0, n);
          n = 0;
        }
        MbDiffHeader.putU32(control, n, x & 0xFFFFFFFFL);
        MbDiffHeader.putU32(control, n + 4, y & 0xFFFFFFFFL);
        MbDiffHeader.putU32(control, n + 8, t.seek(i) & 0xFFFFFFFFL);
        n += 12;
      }
      if (diffBlock != null) {
        for (int d = 0; d < x; ) {
          int c = Math.min(buf.length, x - d);
          neu.copy(newPos + d, buf, 0, c);
          byte[] o = oldBuf;
          int at = 0;
          if (o == null) {
            o = old.array(); // the heap array: subtract it where it lies, no copy
            at = oldPos + d;
          } else {
            old.copy(oldPos + d, o, 0, c);
          }
          for (int k = 0; k < c; k++) {
            buf[k] = (byte) (buf[k] - o[at + k]);
          }
          diffBlock.write(buf, 0, c);
          d += c;
        }
      }
      if (extraBlock != null) {
        for (int e = 0; e < y; ) {
          int c = Math.min(buf.length, y - e);
          neu.copy(newPos + x + e, buf, 0, c);
          extraBlock.write(buf, 0, c);
          e += c;
        }
      }
      newPos += x + y;
      oldPos += x + t.seek(i);
    }
    if (controlBlock != null && n > 0) {
      controlBlock.write(control, 0, n);
    }
  }

  /** Where the next triple starts in new. */
  int newPos() {
    return newPos;
  }
}
