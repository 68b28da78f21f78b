/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a MAR to a seekable channel, streaming each entry's already-compressed bytes straight
 * through: memory use is the index only, whatever the entry sizes. Entries are stored in the order
 * they are added; {@link #finish()} appends the index and back-patches the header, as {@code mar
 * -c} does. Given the same compressed entries, the bytes equal Mozilla's.
 *
 * <p>When entry lengths are known up front and the target is not seekable, use {@link
 * MarStreamWriter}.
 */
public final class MarWriter implements Closeable {
  private static final int BUFFER = 256 * 1024;

  private final SeekableByteChannel channel;
  private final MarWriteOptions options;
  private final MarLayoutBuilder layout;
  private final long base;
  private boolean finished;

  private MarWriter(SeekableByteChannel channel, MarWriteOptions options) throws IOException {
    this.channel = channel;
    this.options = options;
    this.layout = new MarLayoutBuilder(options);
    this.base = channel.position();
    writeFully(ByteBuffer.wrap(MarLayoutBuilder.header(options, 0, 0)));
  }

  /** Creates (or truncates) {@code path} and starts a MAR there. */
  public static MarWriter create(Path path, MarWriteOptions options) throws IOException {
    FileChannel ch =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    try {
      return new MarWriter(ch, options);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Starts a MAR at the channel's current position (normally 0; offsets in the MAR count from
   * there). {@link #close()} closes the channel.
   */
  public static MarWriter create(SeekableByteChannel channel, MarWriteOptions options)
      throws IOException {
    return new MarWriter(channel, options);
  }

  /** The options this MAR is written with. */
  public MarWriteOptions options() {
    return options;
  }

  /** Appends an entry whose stored bytes are everything {@code data} yields. */
  public MarEntry addEntry(String name, int mode, InputStream data) throws IOException {
    return addEntry(name, mode, data, -1);
  }

  /**
   * Appends an entry of exactly {@code length} stored bytes (or any length if {@code length} is
   * negative); a stream that yields a different amount is an error.
   */
  public MarEntry addEntry(String name, int mode, InputStream data, long length)
      throws IOException {
    if (finished) {
      throw new IllegalStateException("MAR already finished");
    }
    layout.precheck(name, mode);
    long start = layout.nextOffset();
    channel.position(base + start);
    long copied = 0;
    byte[] buf = new byte[BUFFER];
    while (true) {
      int want = length < 0 ? buf.length : (int) Math.min(buf.length, length - copied + 1);
      if (want == 0) {
        break;
      }
      int n = data.read(buf, 0, want);
      if (n < 0) {
        break;
      }
      copied += n;
      if (length >= 0 && copied > length) {
        throw new MarException(
            "entry " + name + " has more than the declared " + length + " bytes");
      }
      layout.checkSize(start + copied);
      writeFully(ByteBuffer.wrap(buf, 0, n));
    }
    if (length >= 0 && copied != length) {
      throw new MarException(
          "entry " + name + " has " + copied + " bytes, not the declared " + length);
    }
    return layout.add(name, mode, copied);
  }

  /** Number of entries added so far. */
  public int entryCount() {
    return layout.count();
  }

  /** Writes the index and the final header; returns the MAR's size. */
  public long finish() throws IOException {
    if (finished) {
      throw new IllegalStateException("MAR already finished");
    }
    finished = true;
    long offsetToIndex = layout.nextOffset();
    long total = layout.indexEnd();
    layout.checkSize(total);
    channel.position(base + offsetToIndex);
    writeFully(ByteBuffer.wrap(layout.indexBytes()));
    channel.position(base);
    writeFully(ByteBuffer.wrap(MarLayoutBuilder.header(options, offsetToIndex, total)));
    if (channel.size() > base + total) {
      channel.truncate(base + total);
    }
    return total;
  }

  private void writeFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  /** Closes the channel; a MAR closed before {@link #finish()} is incomplete. */
  @Override
  public void close() throws IOException {
    channel.close();
  }
}
