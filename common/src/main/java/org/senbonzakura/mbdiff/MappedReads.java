/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Reads of a file mapping, shared by the mapped new file ({@link NewBytes}) and the mapped old file
 * ({@link OldBytes}) so that both compare and copy the same way. Only absolute reads are used, so
 * one mapping serves many threads.
 *
 * <p>How {@link #mismatch} compares decides the scan's speed: nearly all comparisons are short (1.2
 * bytes on average on a libxul slice: the binary search skips the prefix it already knows), but on
 * a whole libxul the few long ones matter too. So: the first 8 bytes one at a time (no setup before
 * the usual first-byte exit), then 8 bytes at a time (both sides read little-endian, so the lowest
 * set bit of the XOR is the first differing byte) up to {@link #LONG_RUN} bytes, and only beyond
 * that the JDK's vectorised {@code ByteBuffer.mismatch}, whose buffer objects per call cost more
 * than they save on shorter runs. Measured in docs/benchmarks.md ("Mapped scan speed").
 */
final class MappedReads {
  /** Largest mappable file: one {@link java.nio.MappedByteBuffer}, and MBDIFF10's own limit. */
  static final long MAX_MAPPED = Integer.MAX_VALUE;

  private static final int CHUNK = 1 << 16;

  /** Bytes compared one at a time at the start of a comparison. */
  private static final int BYTE_RUN = 8;

  /** Bytes compared (8 at a time) before a comparison is handed to the vectorised one. */
  private static final int LONG_RUN = 512;

  /** Fewest remaining bytes worth the vectorised comparison's buffer objects. */
  private static final int VECTOR_MIN = 64;

  private MappedReads() {}

  /**
   * Maps the whole file of {@code ch} read-only, little-endian. The mapping outlives the channel
   * and is released when it becomes unreachable; the file must not change while it is in use.
   */
  static ByteBuffer map(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size > MAX_MAPPED) {
      throw new IllegalArgumentException("cannot map " + size + " bytes");
    }
    return ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Up to 8 bytes of {@code buf} from {@code at} ({@code len <= 8}), big-endian, zero-padded. */
  static long key8(ByteBuffer buf, int at, int len) {
    if (len == 8) {
      return Long.reverseBytes(buf.getLong(at));
    }
    long k = 0;
    for (int i = 0; i < 8; i++) {
      k = (k << 8) | (i < len ? buf.get(at + i) & 0xFF : 0);
    }
    return k;
  }

  /**
   * The first {@code k < len} with {@code buf[from + k] != b[off + k]}, or -1 if the ranges are
   * equal. {@code buf} must be little-endian.
   */
  static int mismatch(ByteBuffer buf, int from, byte[] b, int off, int len) {
    int k = 0;
    for (int bytes = Math.min(len, BYTE_RUN); k < bytes; k++) {
      if (buf.get(from + k) != b[off + k]) {
        return k;
      }
    }
    for (int longs = Math.min(len, LONG_RUN); k <= longs - 8; k += 8) {
      long x = buf.getLong(from + k) ^ (long) NewBytes.LE_LONGS.get(b, off + k);
      if (x != 0) {
        return k + (Long.numberOfTrailingZeros(x) >>> 3);
      }
    }
    if (len - k >= VECTOR_MIN) {
      // A long match: the JDK's vectorised comparison, worth its two small buffer objects.
      int m = buf.slice(from + k, len - k).mismatch(ByteBuffer.wrap(b, off + k, len - k));
      return m < 0 ? -1 : k + m;
    }
    for (; k < len; k++) {
      if (buf.get(from + k) != b[off + k]) {
        return k;
      }
    }
    return -1;
  }

  /**
   * As {@link #mismatch(ByteBuffer, int, byte[], int, int)} between two mappings (both files
   * mapped), both little-endian.
   */
  static int mismatch(ByteBuffer buf, int from, ByteBuffer b, int off, int len) {
    int k = 0;
    for (int bytes = Math.min(len, BYTE_RUN); k < bytes; k++) {
      if (buf.get(from + k) != b.get(off + k)) {
        return k;
      }
    }
    for (int longs = Math.min(len, LONG_RUN); k <= longs - 8; k += 8) {
      long x = buf.getLong(from + k) ^ b.getLong(off + k);
      if (x != 0) {
        return k + (Long.numberOfTrailingZeros(x) >>> 3);
      }
    }
    if (len - k >= VECTOR_MIN) {
      int m = buf.slice(from + k, len - k).mismatch(b.slice(off + k, len - k));
      return m < 0 ? -1 : k + m;
    }
    for (; k < len; k++) {
      if (buf.get(from + k) != b.get(off + k)) {
        return k;
      }
    }
    return -1;
  }

  /**
   * Writes {@code len} bytes of {@code buf} from {@code from} to {@code out}, a chunk at a time.
   */
  static void write(ByteBuffer buf, OutputStream out, int from, int len) throws IOException {
    byte[] chunk = new byte[Math.min(CHUNK, len)];
    for (int done = 0; done < len; ) {
      int n = Math.min(chunk.length, len - done);
      buf.get(from + done, chunk, 0, n);
      out.write(chunk, 0, n);
      done += n;
    }
  }
}
