/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an MBDIFF10 patch from control triples: the header, then the control, diff and extra
 * blocks, each regenerated from the two files by {@link PatchBlocks} while streaming, so no block
 * is ever buffered whole.
 */
final class PatchWriter {
  private static final int BUF = 1 << 16;

  private PatchWriter() {}

  static MbDiffHeader header(OldBytes old, NewBytes neu, ControlTriples t) throws MbDiffException {
    long diff = 0;
    long extra = 0;
    for (int i = 0; i < t.size(); i++) {
      diff += t.add(i) & 0xFFFFFFFFL;
      extra += t.copy(i) & 0xFFFFFFFFL;
    }
    long control = 12L * t.size();
    MbDiffHeader h =
        new MbDiffHeader(old.length(), old.crc32Bzip2(), neu.length(), control, diff, extra);
    if (h.patchLength() > Integer.MAX_VALUE) {
      throw new MbDiffException(
          "patch would be " + h.patchLength() + " bytes; the updater rejects patches over 2 GiB");
    }
    return h;
  }

  static void write(OldBytes old, NewBytes neu, ControlTriples t, MbDiffHeader h, OutputStream out)
      throws IOException {
    out.write(h.toBytes());
    new PatchBlocks(old, neu, BUF).write(t, 0, t.size(), out, null, null);
    new PatchBlocks(old, neu, BUF).write(t, 0, t.size(), null, out, null);
    new PatchBlocks(old, neu, BUF).write(t, 0, t.size(), null, null, out);
  }
}
