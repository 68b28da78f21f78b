/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an MBDIFF10 patch from control triples, regenerating the diff block (new − old, bytewise)
 * and the extra block (literal new bytes) from the two files while streaming, so no block is ever
 * buffered whole.
 */
final class PatchWriter {
  private static final int BUF = 1 << 16;

  private PatchWriter() {}

  static MbDiffHeader header(byte[] old, NewBytes neu, ControlTriples t) throws MbDiffException {
    long diff = 0;
    long extra = 0;
    for (int i = 0; i < t.size(); i++) {
      diff += t.add(i) & 0xFFFFFFFFL;
      extra += t.copy(i) & 0xFFFFFFFFL;
    }
    long control = 12L * t.size();
    MbDiffHeader h =
        new MbDiffHeader(old.length, Crc32Bzip2.of(old), neu.length(), control, diff, extra);
    if (h.patchLength() > Integer.MAX_VALUE) {
      throw new MbDiffException(
          "patch would be " + h.patchLength() + " bytes; the updater rejects patches over 2 GiB");
    }
    return h;
  }

  static void write(byte[] old, NewBytes neu, ControlTriples t, MbDiffHeader h, OutputStream out)
      throws IOException {
    out.write(h.toBytes());
    byte[] buf = new byte[BUF];
    int n = 0;
    for (int i = 0; i < t.size(); i++) {
      if (n + 12 > BUF) {
        out.write(buf, 0, n);
        n = 0;
      }
      MbDiffHeader.putU32(buf, n, t.add(i) & 0xFFFFFFFFL);
      MbDiffHeader.putU32(buf, n + 4, t.copy(i) & 0xFFFFFFFFL);
      MbDiffHeader.putU32(buf, n + 8, t.seek(i) & 0xFFFFFFFFL);
      n += 12;
    }
    out.write(buf, 0, n);
    int np = 0;
    int op = 0;
    for (int i = 0; i < t.size(); i++) {
      int x = t.add(i);
      for (int done = 0; done < x; ) {
        int c = Math.min(BUF, x - done);
        neu.copy(np + done, buf, 0, c);
        for (int k = 0; k < c; k++) {
          buf[k] = (byte) (buf[k] - old[op + done + k]);
        }
        out.write(buf, 0, c);
        done += c;
      }
      np += x + t.copy(i);
      op += x + t.seek(i);
    }
    np = 0;
    for (int i = 0; i < t.size(); i++) {
      np += t.add(i);
      neu.write(out, np, t.copy(i));
      np += t.copy(i);
    }
  }
}
