/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * The new file as the scan, the patch writer and the early verdict read it: either a byte array
 * (the byte[] API) or a read-only mapping of the file (the path API). Mapping exists for memory:
 * the heap then holds only the old file, its suffix array and the triples, about 5 × old instead of
 * 6 ×, and the new file, read almost front to back, stays in the page cache. Both forms give the
 * same bytes, so the patch does not depend on which one was used.
 */
abstract class NewBytes {
  /** Largest mappable file: one {@link java.nio.MappedByteBuffer}, and MBDIFF10's own limit. */
  static final long MAX_MAPPED = Integer.MAX_VALUE;

  abstract int length();

  abstract byte get(int i);

  /** Up to 8 bytes from {@code at} ({@code len <= 8}), big-endian, zero-padded. */
  abstract long key8(int at, int len);

  /** The 8 bytes from {@code at}, little-endian ({@code at + 8 <= length()}). */
  abstract long long8(int at);

  /**
   * The first {@code k < len} with {@code get(from + k) != b[off + k]}, or -1 if the ranges are
   * equal (as {@link Arrays#mismatch(byte[], int, int, byte[], int, int)} on equal lengths).
   */
  abstract int mismatch(int from, byte[] b, int off, int len);

  /** Copies {@code len} bytes from {@code from} into {@code dst[off..]}. */
  abstract void copy(int from, byte[] dst, int off, int len);

  /** Writes {@code len} bytes from {@code from} to {@code out}. */
  abstract void write(OutputStream out, int from, int len) throws IOException;

  /** Reads a byte[] as little-endian longs at any offset. */
  static final VarHandle LE_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  static NewBytes of(byte[] b) {
    return new OfArray(b);
  }

  /**
   * Maps the whole file of {@code ch} read-only. The mapping outlives the channel and is released
   * when it becomes unreachable; the file must not change while it is in use.
   */
  static NewBytes map(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size > MAX_MAPPED) {
      throw new IllegalArgumentException("cannot map " + size + " bytes");
    }
    return new Mapped(ch.map(FileChannel.MapMode.READ_ONLY, 0, size));
  }

  private static long key8(byte[] b, int at, int len) {
    long k = 0;
    for (int i = 0; i < 8; i++) {
      k = (k << 8) | (i < len ? b[at + i] & 0xFF : 0);
    }
    return k;
  }

  /** The byte[] API's new file. */
  private static final class OfArray extends NewBytes {
    private final byte[] b;

    OfArray(byte[] b) {
      this.b = b;
    }

    @Override
    int length() {
      return b.length;
    }

    @Override
    byte get(int i) {
      return b[i];
    }

    @Override
    long key8(int at, int len) {
      return NewBytes.key8(b, at, len);
    }

    @Override
    long long8(int at) {
      return (long) LE_LONGS.get(b, at);
    }

    @Override
    int mismatch(int from, byte[] other, int off, int len) {
      return Arrays.mismatch(b, from, from + len, other, off, off + len);
    }

    @Override
    void copy(int from, byte[] dst, int off, int len) {
      System.arraycopy(b, from, dst, off, len);
    }

    @Override
    void write(OutputStream out, int from, int len) throws IOException {
      out.write(b, from, len);
    }
  }

  /**
   * A mapped file; absolute reads keep it safe for many threads.
   *
   * <p>How {@link #mismatch} compares decides the scan's speed: nearly all comparisons are short
   * (1.2 bytes on average on a libxul slice: the binary search skips the prefix it already knows),
   * but on a whole libxul the few long ones matter too. So: the first 8 bytes one at a time (no
   * setup before the usual first-byte exit), then 8 bytes at a time (both sides read little-endian,
   * so the lowest set bit of the XOR is the first differing byte) up to {@link #LONG_RUN} bytes,
   * and only beyond that the JDK's vectorised {@code ByteBuffer.mismatch}, whose two buffer objects
   * per call cost more than they save on shorter runs. Measured in docs/benchmarks.md ("Mapped scan
   * speed").
   */
  private static final class Mapped extends NewBytes {
    private static final int CHUNK = 1 << 16;

    /** Bytes compared one at a time at the start of a comparison. */
    private static final int BYTE_RUN = 8;

    /** Bytes compared (8 at a time) before a comparison is handed to the vectorised one. */
    private static final int LONG_RUN = 512;

    /** Fewest remaining bytes worth the vectorised comparison's two buffer objects. */
    private static final int VECTOR_MIN = 64;

    private final ByteBuffer buf;

    Mapped(ByteBuffer buf) {
      this.buf = buf.order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    int length() {
      return buf.capacity();
    }

    @Override
    byte get(int i) {
      return buf.get(i);
    }

    @Override
    long key8(int at, int len) {
      if (len == 8) {
        return Long.reverseBytes(buf.getLong(at));
      }
      long k = 0;
      for (int i = 0; i < 8; i++) {
        k = (k << 8) | (i < len ? buf.get(at + i) & 0xFF : 0);
      }
      return k;
    }

    @Override
    long long8(int at) {
      return buf.getLong(at);
    }

    @Override
    int mismatch(int from, byte[] b, int off, int len) {
      int k = 0;
      for (int bytes = Math.min(len, BYTE_RUN); k < bytes; k++) {
        if (buf.get(from + k) != b[off + k]) {
          return k;
        }
      }
      for (int longs = Math.min(len, LONG_RUN); k <= longs - 8; k += 8) {
        long x = buf.getLong(from + k) ^ (long) LE_LONGS.get(b, off + k);
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

    @Override
    void copy(int from, byte[] dst, int off, int len) {
      buf.get(from, dst, off, len);
    }

    @Override
    void write(OutputStream out, int from, int len) throws IOException {
      byte[] chunk = new byte[Math.min(CHUNK, len)];
      for (int done = 0; done < len; ) {
        int n = Math.min(chunk.length, len - done);
        buf.get(from + done, chunk, 0, n);
        out.write(chunk, 0, n);
        done += n;
      }
    }
  }
}
