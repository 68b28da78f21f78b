/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The old file as the suffix sort, the search, the scan, the patch writer and the verdicts read it:
 * a byte array, or a read-only mapping of the file. Mapping exists for exact mode's heap bound of
 * issue #15 (5 × old): the suffix array alone is 4 × old, so with the old bytes on the heap beside
 * it (and the search tree's cache) the diff needs about 5.2 × old. Mapped, the old file lives in
 * the page cache and the heap holds only the suffix array and the small extras. The heap form stays
 * where the heap has room (see {@link MbDiff#keepOldOnHeap}): the JVM backs its heap with huge
 * pages on request, a file mapping it cannot, and the search reads the old file at random. Both
 * forms give the same bytes, so the patch does not depend on which one was used.
 *
 * <p>Two subclasses only, so every call site stays at most bimorphic; the comparison with the new
 * file is {@link NewBytes#mismatch(int, OldBytes, int, int)}, which asks {@link #array()} which
 * form this is.
 *
 * <p>The hot loops (the search's probes in {@link SuffixIndex}, the scan's byte loops in {@link
 * GreedyScan}, the sort's top-level text in {@link SuffixArrays}, the diff block in {@link
 * PatchBlocks}) do not call through this class per byte. Each takes the heap array once ({@link
 * #array()}, null when mapped) into a local and reads through the static kernels {@link
 * #get(byte[], OldBytes, int)} and {@link #mismatch(NewBytes, int, byte[], OldBytes, int, int)},
 * which use the array directly when there is one: the heap form then runs the plain {@code byte[]}
 * code main had before the mapping existed (no type check of an {@code OldBytes}, no field load
 * through it), and as a run only ever meets one form, the JIT compiles only that form's branch (a
 * JVM that diffs both forms keeps both, behind one predictable null test).
 */
abstract class OldBytes {
  abstract int length();

  abstract byte get(int i);

  /** Up to 8 bytes from {@code at} ({@code len <= 8}), big-endian, zero-padded. */
  abstract long key8(int at, int len);

  /** Copies {@code len} bytes from {@code from} into {@code dst[off..]}. */
  abstract void copy(int from, byte[] dst, int off, int len);

  /** The bytes as the heap array they are, or null when they are mapped. */
  abstract byte[] array();

  /** The little-endian mapping, or null when the bytes are a heap array. */
  abstract ByteBuffer buffer();

  /**
   * The bytes as a heap array: the array itself for the heap form, a copy of a mapping (only for
   * fast mode on a prebuilt index, which the path API never maps).
   */
  byte[] toArray() {
    byte[] a = array();
    if (a != null) {
      return a;
    }
    byte[] copy = new byte[length()];
    copy(0, copy, 0, copy.length);
    return copy;
  }

  /** The CRC-32/BZIP2 of the whole file (the patch header's source check). */
  int crc32Bzip2() {
    byte[] a = array();
    if (a != null) {
      return Crc32Bzip2.of(a);
    }
    Crc32Bzip2 crc = new Crc32Bzip2();
    byte[] chunk = new byte[Math.min(CHUNK, length())];
    for (int done = 0; done < length(); ) {
      int n = Math.min(chunk.length, length() - done);
      copy(done, chunk, 0, n);
      crc.update(chunk, 0, n);
      done += n;
    }
    return crc.value();
  }

  private static final int CHUNK = 1 << 16;

  /**
   * Byte {@code i} of the old file, read from {@code heap} when it is the file's heap array ({@code
   * old.array()}), else through {@code old} (mapped). See the class comment for why the hot loops
   * read this way.
   */
  static byte get(byte[] heap, OldBytes old, int i) {
    return heap != null ? heap[i] : old.get(i);
  }

  /**
   * {@code neu.mismatch} against the old file's bytes from {@code off}: the heap array's comparison
   * when {@code heap} is {@code old.array()}, else the mapped one.
   */
  static int mismatch(NewBytes neu, int from, byte[] heap, OldBytes old, int off, int len) {
    return heap != null ? neu.mismatch(from, heap, off, len) : neu.mismatch(from, old, off, len);
  }

  static OldBytes of(byte[] b) {
    return new OfArray(b);
  }

  /**
   * Maps the whole file of {@code ch} read-only. The mapping outlives the channel and is released
   * when it becomes unreachable; the file must not change while it is in use.
   */
  static OldBytes map(FileChannel ch) throws IOException {
    return new Mapped(MappedReads.map(ch));
  }

  /** The byte[] API's old file, and the path API's where the heap has room. */
  private static final class OfArray extends OldBytes {
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
    void copy(int from, byte[] dst, int off, int len) {
      System.arraycopy(b, from, dst, off, len);
    }

    @Override
    byte[] array() {
      return b;
    }

    @Override
    ByteBuffer buffer() {
      return null;
    }
  }

  /** A mapped old file; absolute reads keep it safe for many threads. */
  private static final class Mapped extends OldBytes {
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
    void copy(int from, byte[] dst, int off, int len) {
      buf.get(from, dst, off, len);
    }

    @Override
    byte[] array() {
      return null;
    }

    @Override
    ByteBuffer buffer() {
      return buf;
    }
  }
}
