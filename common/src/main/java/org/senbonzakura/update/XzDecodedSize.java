/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.util.OptionalLong;
import org.tukaani.xz.SeekableInputStream;
import org.tukaani.xz.SeekableXZInputStream;
import org.tukaani.xz.XZFormatException;

/**
 * The decoded size of a stored xz entry, read from the streams' indexes at their ends instead of
 * decoding: an entry stored alike in both complete MARs needs its size for the listing, and nothing
 * else of its content (issue #16). XZ for Java checks each index's CRC32 and the stream footers
 * while reading them.
 */
final class XzDecodedSize {
  private XzDecodedSize() {}

  /**
   * The decoded size, or empty if {@code stored} is not xz (bzip2 entries of the legacy format have
   * no index: their size is known only by decoding).
   *
   * @throws IOException if it starts like xz but its index is broken
   */
  static OptionalLong of(byte[] stored) throws IOException {
    try (SeekableXZInputStream in = new SeekableXZInputStream(new Bytes(stored))) {
      return OptionalLong.of(in.length());
    } catch (XZFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Bytes in memory as XZ for Java's seekable input. */
  private static final class Bytes extends SeekableInputStream {
    private final byte[] data;
    private int pos;

    Bytes(byte[] data) {
      this.data = data;
    }

    @Override
    public long length() {
      return data.length;
    }

    @Override
    public long position() {
      return pos;
    }

    @Override
    public void seek(long p) throws IOException {
      if (p < 0) {
        throw new IOException("negative seek position " + p);
      }
      pos = (int) Math.min(p, data.length);
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos >= data.length) {
        return -1;
      }
      int n = Math.min(len, data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
