/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * Positioned reads from a seekable channel. File channels are read with positional reads, which are
 * safe to share between threads; other channels are serialised on a lock.
 */
final class RangeSource {
  private final SeekableByteChannel channel;

  RangeSource(SeekableByteChannel channel) {
    this.channel = channel;
  }

  /** Fills {@code dst} from {@code position} on, or fails if the channel ends first. */
  void readFully(long position, ByteBuffer dst) throws IOException {
    if (channel instanceof FileChannel fc) {
      long p = position;
      while (dst.hasRemaining()) {
        int n = fc.read(dst, p);
        if (n < 0) {
          throw new EOFException("unexpected end of MAR at byte " + p);
        }
        p += n;
      }
      return;
    }
    synchronized (this) {
      channel.position(position);
      while (dst.hasRemaining()) {
        if (channel.read(dst) < 0) {
          throw new EOFException("unexpected end of MAR at byte " + channel.position());
        }
      }
    }
  }

  byte[] read(long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    readFully(position, b);
    return b.array();
  }

  /** A stream over {@code [offset, offset + length)}; it reads lazily in chunks. */
  InputStream stream(long offset, long length) {
    return new RangeStream(offset, length);
  }

  private final class RangeStream extends InputStream {
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    private long next;
    private final long end;

    RangeStream(long offset, long length) {
      this.next = offset;
      this.end = offset + length;
      buf.limit(0);
    }

    @Override
    public int read() throws IOException {
      if (!fill()) {
        return -1;
      }
      return buf.get() & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, buf.remaining());
      buf.get(b, off, n);
      return n;
    }

    @Override
    public long skip(long n) {
      if (n <= 0) {
        return 0;
      }
      long fromBuf = Math.min(n, buf.remaining());
      buf.position(buf.position() + (int) fromBuf);
      long fromFile = Math.min(n - fromBuf, end - next);
      next += fromFile;
      return fromBuf + fromFile;
    }

    @Override
    public int available() {
      return buf.remaining();
    }

    private boolean fill() throws IOException {
      if (buf.hasRemaining()) {
        return true;
      }
      if (next >= end) {
        return false;
      }
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), end - next));
      readFully(next, buf);
      next += buf.limit();
      buf.flip();
      return true;
    }
  }
}
