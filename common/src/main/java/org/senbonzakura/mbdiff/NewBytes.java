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
 * the heap then holds only the suffix array, the triples and (unless it is mapped too, {@link
 * OldBytes}) the old file, and the new file, read almost front to back, stays in the page cache.
 * Both forms give the same bytes, so the patch does not depend on which one was used.
 */
abstract class NewBytes {
  /** Largest mappable file: one {@link java.nio.MappedByteBuffer}, and MBDIFF10's own limit. */
  static final long MAX_MAPPED = MappedReads.MAX_MAPPED;

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

  /** As {@link #mismatch(int, byte[], int, int)} against the old file's bytes from {@code off}. */
  abstract int mismatch(int from, OldBytes old, int off, int len);

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
    return new Mapped(MappedReads.map(ch));
  }

  /** Up to 8 bytes of {@code b} from {@code at} ({@code len <= 8}), big-endian, zero-padded. */
  static long key8(byte[] b, int at, int len) {
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
    int mismatch(int from, OldBytes old, int off, int len) {
      byte[] a = old.array();
      return a != null
          ? Arrays.mismatch(b, from, from + len, a, off, off + len)
          : MappedReads.mismatch(old.buffer(), off, b, from, len);
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

  /** A mapped file; absolute reads keep it safe for many threads (see {@link MappedReads}). */
  private static final class Mapped extends NewBytes {
    private final ByteBuffer buf;

    Mapped(ByteBuffer buf) {
      this.buf = buf;
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
      return MappedReads.key8(buf, at, len);
    }

    @Override
    long long8(int at) {
      return buf.getLong(at);
    }

    @Override
    int mismatch(int from, byte[] b, int off, int len) {
      return MappedReads.mismatch(buf, from, b, off, len);
    }

    @Override
    int mismatch(int from, OldBytes old, int off, int len) {
      byte[] a = old.array();
      return a != null
          ? MappedReads.mismatch(buf, from, a, off, len)
          : MappedReads.mismatch(buf, from, old.buffer(), off, len);
    }

    @Override
    void copy(int from, byte[] dst, int off, int len) {
      buf.get(from, dst, off, len);
    }

    @Override
    void write(OutputStream out, int from, int len) throws IOException {
      MappedReads.write(buf, out, from, len);
    }
  }
}
