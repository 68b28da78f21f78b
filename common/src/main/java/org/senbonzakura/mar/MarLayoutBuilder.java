/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The byte layout shared by both writers: the header for given options, and the index built up
 * entry by entry with the same checks the reader applies.
 */
final class MarLayoutBuilder {
  private static final long U32_MAX = 0xFFFF_FFFFL;

  private final MarWriteOptions options;
  private final ByteArrayOutputStream index = new ByteArrayOutputStream();
  private final Set<String> names = new HashSet<>();
  private long nextOffset;
  private int count;

  MarLayoutBuilder(MarWriteOptions options) {
    this.options = options;
    this.nextOffset = headerLength(options);
  }

  /** Length of the header (everything before the first entry). */
  static int headerLength(MarWriteOptions o) {
    if (o.layout() == MarLayout.LEGACY) {
      return MarReader.LEGACY_CONTENT_OFFSET;
    }
    return MarReader.SIGNATURE_BLOCK_OFFSET
        + 4
        + (o.productInfo() == null ? 0 : MarWriteOptions.PIB_BLOCK_SIZE);
  }

  /** The header for an index at {@code offsetToIndex} and a file of {@code totalSize} bytes. */
  static byte[] header(MarWriteOptions o, long offsetToIndex, long totalSize) {
    ByteBuffer b = ByteBuffer.allocate(headerLength(o));
    b.putInt(MarReader.MAGIC);
    b.putInt((int) offsetToIndex);
    if (o.layout() == MarLayout.CURRENT) {
      b.putLong(totalSize);
      b.putInt(0); // signatures
      if (o.productInfo() == null) {
        b.putInt(0);
      } else {
        b.putInt(1);
        b.putInt(MarWriteOptions.PIB_BLOCK_SIZE);
        b.putInt(MarSection.PRODUCT_INFO_ID);
        b.put(o.productInfo().channel().getBytes(StandardCharsets.UTF_8)).put((byte) 0);
        b.put(o.productInfo().version().getBytes(StandardCharsets.UTF_8)).put((byte) 0);
        // the rest stays zero: the block is padded to its maximum size
      }
    }
    return b.array();
  }

  /** Offset the next entry's data will start at. */
  long nextOffset() {
    return nextOffset;
  }

  /** Checks name and mode of an entry about to be added, before any data is written. */
  void precheck(String name, int mode) throws MarException {
    MarNames.check(name);
    if (names.contains(name)) {
      throw new MarFormatException(
          MarFormatException.Reason.NAME_REPEATED,
          "entry name " + MarNames.quote(name) + " repeats");
    }
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " out of range");
    }
  }

  /** Checks and records an entry of {@code length} bytes at {@link #nextOffset()}. */
  MarEntry add(String name, int mode, long length) throws MarException {
    precheck(name, mode);
    if (length < 0) {
      throw new IllegalArgumentException("negative length");
    }
    names.add(name);
    MarEntry e = new MarEntry(name, nextOffset, length, mode);
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(MarIndexParser.ENTRY_FIXED);
    b.putInt((int) nextOffset).putInt((int) length).putInt(mode);
    index.writeBytes(b.array());
    index.writeBytes(n);
    index.write(0);
    nextOffset += length;
    count++;
    checkSize(indexEnd());
    return e;
  }

  /** Fails if a file of {@code total} bytes would break a limit. */
  void checkSize(long total) throws MarException {
    if (nextOffset > U32_MAX || total > U32_MAX) {
      throw new MarException("MAR would exceed the 4 GiB the format can address");
    }
    if (total > options.maxFileSize()) {
      throw new MarException(
          "MAR would be " + total + " bytes, over the limit of " + options.maxFileSize());
    }
  }

  /** The file size once the index is written. */
  long indexEnd() {
    return nextOffset + 4 + index.size();
  }

  int count() {
    return count;
  }

  /** The index: its size field followed by the entries. */
  byte[] indexBytes() {
    ByteBuffer b = ByteBuffer.allocate(4 + index.size());
    b.putInt(index.size());
    b.put(index.toByteArray());
    return b.array();
  }
}
