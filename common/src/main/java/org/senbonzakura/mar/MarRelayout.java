/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Copies a MAR with a different signature block, shifting every entry offset by the change in size,
 * as {@code mar_repackage_and_sign} and {@code strip_signature_block} do. A legacy input is
 * upgraded to the current layout (with no additional sections). Everything streams.
 */
final class MarRelayout {
  /** A signature to write: its id and its bytes (zeros as a placeholder when signing). */
  record Sig(int algorithmId, byte[] bytes) {}

  private MarRelayout() {}

  /**
   * Writes {@code in} to {@code out} with {@code sigs} as its signature block.
   *
   * @return the file offset of each signature's bytes in the output
   */
  static long[] write(MarReader in, Path out, List<Sig> sigs) throws IOException {
    if (sigs.size() > MarReader.MAX_SIGNATURES) {
      throw new MarException("at most " + MarReader.MAX_SIGNATURES + " signatures");
    }
    long sigBlock = 0;
    for (Sig s : sigs) {
      sigBlock += 8 + s.bytes().length;
    }
    boolean legacy = in.layout() == MarLayout.LEGACY;
    // bytes before the additional sections in the old file and in the new one
    long oldHead = legacy ? MarReader.LEGACY_CONTENT_OFFSET : in.signatureBlockEnd();
    long newHead = MarReader.SIGNATURE_BLOCK_OFFSET + sigBlock + (legacy ? 4 : 0);
    long delta = newHead - oldHead;
    long offsetToIndex = in.offsetToIndex() + delta;
    long indexBodySize = 0;
    for (MarEntry e : in.entries()) {
      indexBodySize +=
          MarIndexParser.ENTRY_FIXED + e.name().getBytes(StandardCharsets.UTF_8).length + 1;
    }
    long total = offsetToIndex + 4 + indexBodySize;
    if (total > 0xFFFF_FFFFL) {
      throw new MarException("MAR would exceed the 4 GiB the format can address");
    }
    long[] sigOffsets = new long[sigs.size()];
    try (FileChannel ch =
            FileChannel.open(
                out,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        OutputStream os = Channels.newOutputStream(ch)) {
      ByteBuffer h = ByteBuffer.allocate((int) newHead);
      h.putInt(MarReader.MAGIC).putInt((int) offsetToIndex).putLong(total).putInt(sigs.size());
      for (int i = 0; i < sigs.size(); i++) {
        Sig s = sigs.get(i);
        h.putInt(s.algorithmId()).putInt(s.bytes().length);
        sigOffsets[i] = h.position();
        h.put(s.bytes());
      }
      if (legacy) {
        h.putInt(0); // no additional sections
      }
      os.write(h.array());
      try (InputStream body = in.openRange(oldHead, in.offsetToIndex() - oldHead)) {
        body.transferTo(os);
      }
      ByteBuffer idx = ByteBuffer.allocate((int) (4 + indexBodySize));
      idx.putInt((int) indexBodySize);
      for (MarEntry e : in.entries()) {
        idx.putInt((int) (e.offset() + delta)).putInt((int) e.length()).putInt(e.mode());
        idx.put(e.name().getBytes(StandardCharsets.UTF_8)).put((byte) 0);
      }
      os.write(idx.array());
    }
    return sigOffsets;
  }
}
