/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;

/** An in-memory seekable channel, for reading and writing MARs without files in tests. */
public final class ByteArrayChannel implements SeekableByteChannel {
  private byte[] data;
  private int size;
  private long position;
  private boolean open = true;

  public ByteArrayChannel() {
    this(new byte[0]);
  }

  public ByteArrayChannel(byte[] initial) {
    this.data = initial.clone();
    this.size = initial.length;
  }

  /** A copy of the current contents. */
  public byte[] toByteArray() {
    return Arrays.copyOf(data, size);
  }

  @Override
  public int read(ByteBuffer dst) throws ClosedChannelException {
    check();
    if (position >= size) {
      return -1;
    }
    int n = (int) Math.min(dst.remaining(), size - position);
    dst.put(data, (int) position, n);
    position += n;
    return n;
  }

  @Override
  public int write(ByteBuffer src) throws ClosedChannelException {
    check();
    int n = src.remaining();
    long end = position + n;
    if (end > data.length) {
      data = Arrays.copyOf(data, (int) Math.max(end, data.length * 2L));
    }
    src.get(data, (int) position, n);
    position = end;
    size = (int) Math.max(size, end);
    return n;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) {
    position = newPosition;
    return this;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public SeekableByteChannel truncate(long newSize) {
    size = (int) Math.min(size, newSize);
    position = Math.min(position, size);
    return this;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }

  private void check() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}
