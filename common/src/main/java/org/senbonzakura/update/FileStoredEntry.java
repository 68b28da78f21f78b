/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A MAR entry left in its file: the stored bytes are read with positional reads each time they are
 * asked for, so holding the entry costs a few dozen bytes instead of its compressed size. Each read
 * opens the file on its own (threads never share a position) and first checks that the file still
 * has the size it had when the index was read.
 *
 * @param mar the MAR file
 * @param marSize its size when the index was read
 * @param name the entry name
 * @param mode the flags
 * @param offset where the stored bytes start in the file
 * @param length the number of stored bytes
 */
record FileStoredEntry(Path mar, long marSize, String name, int mode, long offset, long length)
    implements StoredEntry {
  /**
   * Bytes per read call: the JDK reads into a heap buffer through a temporary direct buffer of the
   * call's size, so whole-entry calls would cost native memory the size of the entry.
   */
  private static final int PIECE = 1 << 20;

  @Override
  public byte[] bytes() throws IOException {
    return read(length);
  }

  @Override
  public byte[] head(int n) throws IOException {
    return read(Math.min(n, length));
  }

  private byte[] read(long n) throws IOException {
    if (n > Integer.MAX_VALUE - 8) {
      throw new IOException("entry '" + name + "' is too large to read: " + n + " bytes");
    }
    byte[] out = new byte[(int) n];
    try (FileChannel ch = FileChannel.open(mar, StandardOpenOption.READ)) {
      if (ch.size() != marSize) {
        throw new IOException(
            mar + " changed while in use: " + ch.size() + " bytes, was " + marSize);
      }
      for (int done = 0; done < out.length; ) {
        int k =
            ch.read(ByteBuffer.wrap(out, done, Math.min(PIECE, out.length - done)), offset + done);
        if (k < 0) {
          throw new EOFException("unexpected end of " + mar + " in entry '" + name + "'");
        }
        done += k;
      }
    }
    return out;
  }
}
