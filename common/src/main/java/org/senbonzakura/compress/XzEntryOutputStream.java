/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.compress;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.FilterOptions;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.X86Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

/**
 * An xz encoder with Mozilla's settings that also matches XZ Utils on empty input: XZ Utils writes
 * a stream with no block at all (32 bytes), XZ for Java an empty block (56 bytes). So the encoder
 * is created on the first byte, and an empty input gets the block-less stream.
 */
final class XzEntryOutputStream extends OutputStream {
  private final OutputStream out;
  private final boolean x86Bcj;
  private final XzEffort effort;
  private XZOutputStream xz;
  private boolean closed;

  XzEntryOutputStream(OutputStream out, boolean x86Bcj, XzEffort effort) {
    this.out = out;
    this.x86Bcj = x86Bcj;
    this.effort = effort;
  }

  @Override
  public void write(int b) throws IOException {
    encoder().write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len > 0) {
      encoder().write(b, off, len);
    }
  }

  private XZOutputStream encoder() throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    if (xz == null) {
      LZMA2Options lzma2;
      try {
        lzma2 = new LZMA2Options(EntryCodecs.XZ_PRESET);
        if (effort.niceLen() != 0) {
          lzma2.setNiceLen(effort.niceLen());
        }
      } catch (UnsupportedOptionsException e) {
        throw new IllegalStateException("xz preset unsupported", e);
      }
      FilterOptions[] chain =
          x86Bcj ? new FilterOptions[] {new X86Options(), lzma2} : new FilterOptions[] {lzma2};
      // The cache saves re-allocating the ~90 MiB encoder state per entry; it does not change
      // output.
      xz = new XZOutputStream(out, chain, XZ.CHECK_CRC64, BasicArrayCache.getInstance());
    }
    return xz;
  }

  /** Finishes the xz stream without closing the target. */
  void finish() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (xz != null) {
      xz.finish();
    } else {
      out.write(emptyStream());
    }
  }

  @Override
  public void close() throws IOException {
    finish();
    out.close();
  }

  /** Stream header, an index with no records, stream footer; check type CRC64. */
  static byte[] emptyStream() {
    byte[] flags = {0, XZ.CHECK_CRC64};
    ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0}).put(flags).putInt(crc32(flags));
    byte[] index = {0, 0, 0, 0}; // indicator, zero records, two bytes of padding
    b.put(index).putInt(crc32(index));
    byte[] footerBody = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putInt(1).array();
    footerBody[4] = flags[0];
    footerBody[5] = flags[1]; // backward size (8 / 4 - 1 = 1) and stream flags
    b.putInt(crc32(footerBody)).put(footerBody).put((byte) 'Y').put((byte) 'Z');
    return b.array();
  }

  private static int crc32(byte[] data) {
    CRC32 c = new CRC32();
    c.update(data);
    return (int) c.getValue();
  }
}
