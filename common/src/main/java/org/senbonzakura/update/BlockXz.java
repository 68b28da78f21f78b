/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import org.senbonzakura.io.BigFiles;

/**
 * Compresses a large entry on all cores as one xz stream of several independent blocks, the layout
 * {@code xz -T0} writes (blocks of 3 × the 8 MiB dictionary). Each block is an ordinary
 * single-block stream from the entry codec; their blocks are then joined under one stream header,
 * index and footer. Mozilla's updater reads multi-block streams (xz-embedded decodes any number of
 * blocks; only concatenated <em>streams</em> are unsupported). The price is a little ratio, since
 * each block starts with an empty dictionary.
 */
public final class BlockXz {
  /** XZ Utils' multi-threaded block size at preset 6. */
  public static final int BLOCK_SIZE = 24 << 20;

  /**
   * Block size for a partial's big patches: 48 MiB, twice {@link #BLOCK_SIZE}. Every block starts
   * with an empty dictionary, so fewer blocks lose less: on the minor libxul patch (184.6 MB raw,
   * 9,024,080 bytes of xz as one block) 24 MiB blocks cost 11,972 bytes (+0.13 %), 48 MiB blocks
   * 1,464 (docs/benchmarks.md, "Fast mode: new match search (issue #15)"). On two cores the work
   * per core is the same (four blocks of 48 MiB are two rounds of two, as eight of 24 MiB are
   * four); each block being compressed holds 24 MiB more of heap.
   */
  public static final int PATCH_BLOCK_SIZE = 48 << 20;

  /** Compresses one chunk into a complete single-block xz stream. */
  @FunctionalInterface
  public interface ChunkCompressor {
    byte[] compress(byte[] chunk) throws IOException;
  }

  private BlockXz() {}

  /** {@code data} as one xz stream with blocks of {@code blockSize} compressed in parallel. */
  public static byte[] compress(byte[] data, int blockSize, ChunkCompressor single)
      throws IOException {
    int n = Math.max(1, (int) ((data.length + (long) blockSize - 1) / blockSize));
    if (n == 1) {
      return single.compress(data);
    }
    byte[][] streams = new byte[n][];
    try {
      IntStream.range(0, n)
          .parallel()
          .forEach(
              i -> {
                int from = i * blockSize;
                int to = (int) Math.min(data.length, (long) from + blockSize);
                byte[] chunk = java.util.Arrays.copyOfRange(data, from, to);
                try {
                  streams[i] = single.compress(chunk);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return join(streams);
  }

  /**
   * The file {@code data} as one xz stream with blocks of {@code blockSize} compressed in parallel,
   * each block read from the file when its turn comes: only the blocks being compressed are on the
   * heap.
   */
  public static byte[] compress(Path data, int blockSize, ChunkCompressor single)
      throws IOException {
    long size = Files.size(data);
    int n = Math.max(1, (int) ((size + blockSize - 1) / blockSize));
    if (n == 1) {
      return single.compress(BigFiles.readAllBytes(data));
    }
    byte[][] streams = new byte[n][];
    try (FileChannel ch = FileChannel.open(data, StandardOpenOption.READ)) {
      IntStream.range(0, n)
          .parallel()
          .forEach(
              i -> {
                try {
                  long from = (long) i * blockSize;
                  ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(blockSize, size - from));
                  while (chunk.hasRemaining()) {
                    if (ch.read(chunk, from + chunk.position()) < 0) {
                      throw new IOException(data + " shrank while being compressed");
                    }
                  }
                  streams[i] = single.compress(chunk.array());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return join(streams);
  }

  /** Joins single-block xz streams (same check type) into one multi-block stream. */
  static byte[] join(byte[][] streams) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] first = streams[0];
    out.write(first, 0, 12);
    ByteArrayOutputStream records = new ByteArrayOutputStream();
    for (byte[] s : streams) {
      if (s.length < 24 || s[s.length - 2] != 'Y' || s[s.length - 1] != 'Z') {
        throw new IOException("not an xz stream");
      }
      if (s[6] != first[6] || s[7] != first[7]) {
        throw new IOException("xz streams with different flags cannot be joined");
      }
      long backward = u32le(s, s.length - 8);
      int indexSize = (int) ((backward + 1) * 4);
      int indexStart = s.length - 12 - indexSize;
      int[] p = {indexStart};
      if (indexStart < 12 || s[p[0]++] != 0 || varint(s, p) != 1) {
        throw new IOException("expected a single-block xz stream");
      }
      long unpadded = varint(s, p);
      long uncompressed = varint(s, p);
      out.write(s, 12, indexStart - 12);
      writeVarint(records, unpadded);
      writeVarint(records, uncompressed);
    }
    ByteArrayOutputStream index = new ByteArrayOutputStream();
    index.write(0);
    writeVarint(index, streams.length);
    records.writeTo(index);
    while (index.size() % 4 != 0) {
      index.write(0);
    }
    byte[] idx = index.toByteArray();
    out.write(idx);
    writeCrc(out, idx, 0, idx.length);
    byte[] footer = new byte[6];
    long backward = (idx.length + 4) / 4 - 1;
    for (int i = 0; i < 4; i++) {
      footer[i] = (byte) (backward >>> (8 * i));
    }
    footer[4] = first[6];
    footer[5] = first[7];
    writeCrc(out, footer, 0, 6);
    out.write(footer);
    out.write('Y');
    out.write('Z');
    return out.toByteArray();
  }

  private static void writeCrc(ByteArrayOutputStream out, byte[] b, int off, int len) {
    CRC32 crc = new CRC32();
    crc.update(b, off, len);
    long v = crc.getValue();
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)) & 0xFF);
    }
  }

  private static long u32le(byte[] b, int off) {
    return (b[off] & 0xFFL)
        | (b[off + 1] & 0xFFL) << 8
        | (b[off + 2] & 0xFFL) << 16
        | (b[off + 3] & 0xFFL) << 24;
  }

  private static long varint(byte[] d, int[] p) throws IOException {
    long v = 0;
    for (int i = 0; i < 9; i++) {
      if (p[0] >= d.length) {
        break;
      }
      int b = d[p[0]++] & 0xFF;
      v |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("bad xz varint");
  }

  private static void writeVarint(ByteArrayOutputStream out, long v) {
    while (v >= 0x80) {
      out.write((int) (v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
  }
}
