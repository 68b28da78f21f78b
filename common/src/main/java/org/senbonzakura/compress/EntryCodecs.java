/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.compress;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.SeekableInputStream;
import org.tukaani.xz.SeekableXZInputStream;
import org.tukaani.xz.SingleXZInputStream;
import org.tukaani.xz.XZ;

/**
 * Encodes and decodes MAR entries the way Mozilla's packaging scripts and updater do.
 *
 * <p>Encoding mirrors {@code xz -T1 [--x86] --lzma2 --format=xz --check=crc64}: one xz stream, one
 * block, LZMA2 at preset 6 (8 MiB dictionary), CRC64, and the x86 BCJ filter in front only when
 * asked (full files for x86/x86-64 targets; never patches, never aarch64). Legacy MARs use bzip2 at
 * level 9. The output depends only on the input bytes, so it is deterministic.
 *
 * <p>Decoding recognises xz, bzip2 or raw data by its first bytes and enforces an output limit, so
 * a small hostile entry cannot expand without bound. Like the updater's xz-embedded it reads a
 * single xz stream, with dictionaries up to 64 MiB and checks none, CRC32 or CRC64.
 */
public final class EntryCodecs {
  /** The LZMA2 preset Mozilla's scripts effectively use ({@code --lzma2} without options). */
  public static final int XZ_PRESET = 6;

  /** The bzip2 block size level of the old {@code bzip2 -z9} invocations. */
  public static final int BZIP2_LEVEL = 9;

  /** The largest xz dictionary the updater accepts (its decoder's memory limit). */
  public static final int MAX_XZ_DICTIONARY = 64 << 20;

  /**
   * The most bytes any entry may decode to, at every entry point (the CLI's {@code partial}, {@code
   * complete}, {@code apply} and {@code mar extract}, and the job's explode step): the largest
   * {@code byte[]} a JVM reliably allocates (the JDK's own soft maximum), because the differ and
   * the assembly hold a file whole. Anything larger could not be diffed or applied, so it is
   * refused with {@link EntryTooLargeException} rather than left to die as an {@code
   * OutOfMemoryError}. Real files are far below it (Firefox's {@code libxul.so} is about 200 MB).
   */
  public static final long MAX_DECODED_SIZE = Integer.MAX_VALUE - 8;

  /**
   * A system property that lowers (never raises) {@link #MAX_DECODED_SIZE}, for operators who want
   * a tighter bound and for tests that need a bomb no bigger than a few megabytes.
   */
  public static final String LIMIT_PROPERTY = "sbz.maxDecodedEntry";

  private EntryCodecs() {}

  /** The decoded-entry limit in force: {@link #MAX_DECODED_SIZE}, or {@link #LIMIT_PROPERTY}. */
  public static long decodedLimit() {
    Long lowered = Long.getLong(LIMIT_PROPERTY);
    return lowered == null || lowered < 0
        ? MAX_DECODED_SIZE
        : Math.min(lowered.longValue(), MAX_DECODED_SIZE);
  }

  /** Compresses all of {@code in} into {@code out} as one xz stream; {@code out} stays open. */
  public static void compressXz(InputStream in, OutputStream out, boolean x86Bcj)
      throws IOException {
    compressXz(in, out, x86Bcj, XzEffort.MOZILLA);
  }

  /** As {@link #compressXz(InputStream, OutputStream, boolean)}, searching as hard as {@code e}. */
  public static void compressXz(InputStream in, OutputStream out, boolean x86Bcj, XzEffort e)
      throws IOException {
    XzEntryOutputStream xz = new XzEntryOutputStream(out, x86Bcj, e);
    in.transferTo(xz);
    xz.finish();
  }

  /**
   * An xz encoder writing to {@code out}, for producers that write rather than supply a stream.
   * Closing it finishes the xz stream and closes {@code out}.
   */
  public static OutputStream xzOutputStream(OutputStream out, boolean x86Bcj) {
    return new XzEntryOutputStream(out, x86Bcj, XzEffort.MOZILLA);
  }

  /** Compresses all of {@code in} into {@code out} as bzip2 level 9; {@code out} stays open. */
  public static void compressBzip2(InputStream in, OutputStream out) throws IOException {
    try (OutputStream bz = new BZip2CompressorOutputStream(nonClosing(out), BZIP2_LEVEL)) {
      in.transferTo(bz);
    }
  }

  /**
   * Decodes an entry of any supported format, recognised by its first bytes. The returned stream
   * throws {@link EntryTooLargeException} once more than {@code limit} bytes (or {@link
   * #decodedLimit()}, if lower) come out and {@link EntryDecodeException} on corrupt data.
   *
   * <p>{@code in} belongs to this call: closing the returned stream closes it, and it is closed
   * here if no stream is returned (a bad header), so no caller can leak it.
   */
  public static InputStream decode(InputStream in, long limit) throws IOException {
    try {
      byte[] head = in.readNBytes(EntryFormat.MAGIC_LENGTH);
      InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), in);
      return decode(whole, EntryFormat.detect(head, head.length), limit);
    } catch (IOException | RuntimeException e) {
      closeQuietly(in, e);
      throw e;
    }
  }

  /** Decodes an entry whose format is already known; see {@link #decode(InputStream, long)}. */
  public static InputStream decode(InputStream in, EntryFormat format, long limit)
      throws IOException {
    try {
      if (limit < 0) {
        throw new IllegalArgumentException("limit < 0");
      }
      InputStream decoded =
          switch (format) {
            case XZ -> GuardedDecoderStream.open(in, "xz", EntryCodecs::openXz);
            case BZIP2 ->
                GuardedDecoderStream.open(
                    in, "bzip2", s -> new BZip2CompressorInputStream(s, false));
            case RAW -> in;
          };
      return new LimitedInputStream(decoded, Math.min(limit, decodedLimit()));
    } catch (IOException | RuntimeException e) {
      closeQuietly(in, e);
      throw e;
    }
  }

  /**
   * Decodes a whole in-memory entry into one array. The array is allocated only once the decoded
   * size is known to be within {@link #decodedLimit()}, so a bomb is refused having cost decoder
   * buffers only, never its output. An xz entry says its size in its index (read with XZ for Java's
   * {@link SeekableXZInputStream}, which checks the index's structure), so it is decoded once; the
   * decode into that many bytes then fails if the blocks do not agree with the index. Other entries
   * (bzip2) are counted in a first pass without keeping the bytes.
   */
  public static byte[] decodeAll(byte[] entry) throws IOException {
    long size = xzIndexSize(entry);
    if (size < 0) {
      try (InputStream in = decode(new ByteArrayInputStream(entry), MAX_DECODED_SIZE)) {
        size = in.transferTo(OutputStream.nullOutputStream());
      }
    }
    return decodeAll(entry, size);
  }

  /**
   * The decoded size an xz entry's index announces, or -1 if it is not one readable xz stream
   * (bzip2, or a broken index: decoding it finds out what is wrong). Costs no decoding.
   */
  public static long xzIndexSize(byte[] entry) {
    if (entry.length < XZ.HEADER_MAGIC.length
        || !Arrays.equals(
            entry, 0, XZ.HEADER_MAGIC.length, XZ.HEADER_MAGIC, 0, XZ.HEADER_MAGIC.length)) {
      return -1;
    }
    try (SeekableXZInputStream in = new SeekableXZInputStream(new SeekableBytes(entry))) {
      return in.getStreamCount() == 1 ? in.length() : -1;
    } catch (IOException | RuntimeException e) {
      return -1; // not a well-formed index: the counting pass finds out what is wrong
    }
  }

  /** An in-memory entry as XZ for Java's seekable input. */
  private static final class SeekableBytes extends SeekableInputStream {
    private final byte[] b;
    private int pos;

    SeekableBytes(byte[] b) {
      this.b = b;
    }

    @Override
    public int read() {
      return pos < b.length ? b[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int n = Math.min(len, b.length - pos);
      if (n <= 0) {
        return -1;
      }
      System.arraycopy(b, pos, buf, off, n);
      pos += n;
      return n;
    }

    @Override
    public long length() {
      return b.length;
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
      pos = (int) Math.min(p, b.length);
    }
  }

  /**
   * Decodes a whole in-memory entry whose decoded size is already known (it was counted or hashed
   * before), in one pass into an array of exactly that size.
   *
   * @throws EntryDecodeException if the entry does not decode to exactly {@code size} bytes
   */
  public static byte[] decodeAll(byte[] entry, long size) throws IOException {
    long limit = decodedLimit();
    if (size > limit) {
      throw new EntryTooLargeException(limit);
    }
    byte[] out = new byte[(int) size];
    try (InputStream in = decode(new ByteArrayInputStream(entry), limit)) {
      int n = in.readNBytes(out, 0, out.length);
      if (n != out.length || in.read() >= 0) {
        throw new EntryDecodeException(
            "entry does not decode to the " + size + " bytes it decoded to before");
      }
    }
    return out;
  }

  private static void closeQuietly(InputStream in, Exception failure) {
    try {
      in.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** Decodes all of {@code in} into {@code out}; returns the number of bytes written. */
  public static long decodeTo(InputStream in, OutputStream out, long limit) throws IOException {
    try (InputStream d = decode(in, limit)) {
      return d.transferTo(out);
    }
  }

  private static InputStream openXz(InputStream source) throws IOException {
    int memoryLimitKiB = MAX_XZ_DICTIONARY / 1024 + 1024;
    SingleXZInputStream xz = new SingleXZInputStream(source, memoryLimitKiB);
    int check = xz.getCheckType();
    if (check != XZ.CHECK_NONE && check != XZ.CHECK_CRC32 && check != XZ.CHECK_CRC64) {
      throw new EntryDecodeException(
          "xz integrity check " + xz.getCheckName() + " is not supported by the updater");
    }
    return xz;
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }
}
