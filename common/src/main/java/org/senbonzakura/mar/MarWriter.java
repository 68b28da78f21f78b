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
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a MAR to a seekable channel, streaming each entry's already-compressed bytes straight
 * through: memory use is the index only, whatever the entry sizes. Entries are stored in the order
 * they are added; {@link #finish()} appends the index and back-patches the header, as {@code mar
 * -c} does. Given the same compressed entries, the bytes equal Mozilla's.
 *
 * <p>Nothing half-written is ever visible: a MAR created at a path is written to a hidden sibling
 * file that {@link #close()} moves into place only after {@link #finish()}; closed without {@code
 * finish()} (an exception in the caller's try-with-resources), the sibling is deleted and the path
 * is left as it was. On a caller's channel, {@code close()} without {@code finish()} truncates the
 * channel back to where the MAR began.
 *
 * <p>When entry lengths are known up front and the target is not seekable, use {@link
 * MarStreamWriter}.
 */
public final class MarWriter implements Closeable {
  private static final int BUFFER = 256 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SeekableByteChannel channel;
  private final MarWriteOptions options;
  private final MarLayoutBuilder layout;
  private final long base;
  private final Path target;
  private final Path temp;
  private boolean finished;

  private MarWriter(SeekableByteChannel channel, MarWriteOptions options, Path target, Path temp)
      throws IOException {
    this.channel = channel;
    this.target = target;
    this.temp = temp;
    this.options = options;
    this.layout = new MarLayoutBuilder(options);
    this.base = channel.position();
    writeFully(ByteBuffer.wrap(MarLayoutBuilder.header(options, 0, 0)));
  }

  /**
   * Starts a MAR that {@link #close()} puts at {@code path} (replacing what is there) once {@link
   * #finish()} has run, and not otherwise.
   */
  public static MarWriter create(Path path, MarWriteOptions options) throws IOException {
    Path target = path.toAbsolutePath();
    Path temp =
        target.resolveSibling(
            "." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
    FileChannel ch =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      return new MarWriter(ch, options, target, temp);
    } catch (IOException | RuntimeException e) {
      ch.close();
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /**
   * Starts a MAR at the channel's current position (normally 0; offsets in the MAR count from
   * there). {@link #close()} closes the channel.
   */
  public static MarWriter create(SeekableByteChannel channel, MarWriteOptions options)
      throws IOException {
    return new MarWriter(channel, options, null, null);
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
    finished = true;
    return total;
  }

  private void writeFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  /**
   * Closes the channel. After {@link #finish()}, a MAR created at a path moves into place; before
   * it, the MAR is discarded (the hidden file deleted, or a caller's channel truncated back to
   * where the MAR began), so no caller can leave a broken MAR behind.
   */
  @Override
  public void close() throws IOException {
    try (SeekableByteChannel c = channel) {
      if (!finished && target == null && c.isOpen()) {
        c.truncate(base);
      }
    } catch (IOException | RuntimeException e) {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
      throw e;
    }
    if (temp == null) {
      return;
    }
    if (!finished) {
      Files.deleteIfExists(temp);
      return;
    }
    try {
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
