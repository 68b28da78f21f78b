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
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.senbonzakura.compress.EntryCodecs;
import org.senbonzakura.mar.MarFormatException.Reason;

/**
 * An open MAR file. Opening reads and validates the header, signature block, additional sections
 * and index, but no entry data; entries are then read by range, so a 500 MB MAR costs only its
 * index in memory. Every reading rule of the updater (and a few stricter ones for entry names) is
 * enforced up front, each failure as a {@link MarFormatException} naming the rule.
 *
 * <p>Entry streams may be used from several threads when the source is a {@link FileChannel}.
 */
public final class MarReader implements Closeable {
  /** {@code MAR1}. */
  static final int MAGIC = 0x4D415231;

  /** Header size of the current layout up to and including the signature count. */
  static final int SIGNATURE_BLOCK_OFFSET = 20;

  /** Where data starts in a legacy MAR. */
  static final int LEGACY_CONTENT_OFFSET = 8;

  /** Most signatures a MAR may carry ({@code MAX_SIGNATURES}). */
  public static final int MAX_SIGNATURES = 8;

  /** Longest signature in bytes ({@code MAX_SIGNATURE_LENGTH}). */
  public static final int MAX_SIGNATURE_LENGTH = 2048;

  /** Largest product information payload the updater reads ({@code MAXADDITIONALBLOCKSIZE}). */
  static final int MAX_PIB_PAYLOAD = 96;

  private final SeekableByteChannel channel;
  private final RangeSource source;
  private final long size;
  private final long offsetToIndex;
  private final MarLayout layout;
  private final List<MarSignature> signatures;
  private final List<MarSection> sections;
  private final ProductInfo productInfo;
  private final long signatureBlockEnd;
  private final long contentStart;
  private final List<MarEntry> entries;
  private final Map<String, MarEntry> byName;

  private MarReader(SeekableByteChannel channel, long size, MarReadOptions options)
      throws IOException {
    this.channel = channel;
    this.source = new RangeSource(channel);
    this.size = size;
    if (size < 4) {
      throw new MarFormatException(Reason.TRUNCATED, "file is " + size + " bytes, too short");
    }
    int magic = ByteBuffer.wrap(source.read(0, 4)).getInt();
    if (magic != MAGIC) {
      throw new MarFormatException(
          Reason.BAD_MAGIC, String.format("bad magic 0x%08X, expected 'MAR1'", magic));
    }
    if (size > options.maxFileSize()) {
      throw new MarFormatException(
          Reason.FILE_TOO_LARGE,
          "file is " + size + " bytes, over the limit of " + options.maxFileSize());
    }
    if (size < 8) {
      throw new MarFormatException(Reason.TRUNCATED, "file is " + size + " bytes, too short");
    }
    offsetToIndex = u32(source.read(4, 4), 0);
    entries = Collections.unmodifiableList(readIndex());
    layout = detectLayout(offsetToIndex, entries);
    List<MarSignature> sigs = new ArrayList<>();
    List<MarSection> secs = new ArrayList<>();
    ProductInfo pib = null;
    if (layout == MarLayout.LEGACY) {
      signatureBlockEnd = LEGACY_CONTENT_OFFSET;
      contentStart = LEGACY_CONTENT_OFFSET;
    } else {
      if (offsetToIndex < SIGNATURE_BLOCK_OFFSET + 4) {
        throw new MarFormatException(
            Reason.HEADER_OUT_OF_BOUNDS,
            "index offset " + offsetToIndex + " leaves no room for the header");
      }
      long storedSize = ByteBuffer.wrap(source.read(8, 8)).getLong();
      if (storedSize != size) {
        throw new MarFormatException(
            Reason.SIZE_MISMATCH,
            "stored total size " + Long.toUnsignedString(storedSize) + " != real size " + size);
      }
      long pos = readSignatures(sigs);
      signatureBlockEnd = pos;
      pos = readSections(pos, secs);
      contentStart = pos;
      for (int i = 0; i < secs.size(); i++) {
        MarSection s = secs.get(i);
        if (s.id() == MarSection.PRODUCT_INFO_ID) {
          if (i != 0) {
            throw new MarFormatException(
                Reason.PIB_NOT_FIRST,
                "product information block is additional section " + i + ", not the first");
          }
          pib = readProductInfo(s);
        }
      }
    }
    signatures = Collections.unmodifiableList(sigs);
    sections = Collections.unmodifiableList(secs);
    productInfo = pib;
    checkEntryRanges();
    Map<String, MarEntry> map = new LinkedHashMap<>();
    for (MarEntry e : entries) {
      map.put(e.name(), e);
    }
    byName = Collections.unmodifiableMap(map);
  }

  /** Opens a MAR file with the default limits. */
  public static MarReader open(Path path) throws IOException {
    return open(path, MarReadOptions.DEFAULTS);
  }

  /** Opens a MAR file. */
  public static MarReader open(Path path, MarReadOptions options) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new MarReader(ch, ch.size(), options);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Opens a MAR from any seekable source of {@code size} bytes. The reader takes the channel over:
   * {@link #close()} closes it, and so does a failure to open.
   */
  public static MarReader open(SeekableByteChannel channel, long size, MarReadOptions options)
      throws IOException {
    try {
      return new MarReader(channel, size, options);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private List<MarEntry> readIndex() throws IOException {
    if (offsetToIndex < LEGACY_CONTENT_OFFSET || offsetToIndex + 4 > size) {
      throw new MarFormatException(
          Reason.INDEX_OUT_OF_BOUNDS,
          "index offset " + offsetToIndex + " is outside the file of " + size + " bytes");
    }
    long indexSize = u32(source.read(offsetToIndex, 4), 0);
    long indexEnd = offsetToIndex + 4 + indexSize;
    if (indexEnd > size || indexSize > Integer.MAX_VALUE - 16) {
      throw new MarFormatException(
          Reason.INDEX_OUT_OF_BOUNDS,
          "index of "
              + indexSize
              + " bytes at offset "
              + offsetToIndex
              + " runs past the end of the file ("
              + size
              + " bytes)");
    }
    if (indexEnd != size) {
      throw new MarFormatException(
          Reason.TRAILING_BYTES,
          (size - indexEnd) + " bytes follow the index, which ends at " + indexEnd);
    }
    return MarIndexParser.parse(source.read(offsetToIndex + 4, (int) indexSize));
  }

  /** The updater's rule: data at byte 8 means there is no signature block. */
  private static MarLayout detectLayout(long offsetToIndex, List<MarEntry> entries) {
    if (offsetToIndex == LEGACY_CONTENT_OFFSET) {
      return MarLayout.LEGACY;
    }
    long min = Long.MAX_VALUE;
    for (MarEntry e : entries) {
      min = Math.min(min, e.offset());
    }
    return min == LEGACY_CONTENT_OFFSET ? MarLayout.LEGACY : MarLayout.CURRENT;
  }

  private long readSignatures(List<MarSignature> out) throws IOException {
    long count = u32(source.read(16, 4), 0);
    if (count > MAX_SIGNATURES) {
      throw new MarFormatException(
          Reason.TOO_MANY_SIGNATURES,
          count + " signatures, at most " + MAX_SIGNATURES + " allowed");
    }
    long pos = SIGNATURE_BLOCK_OFFSET;
    for (int i = 0; i < count; i++) {
      requireHeaderBytes(pos, 8, "signature " + i);
      byte[] h = source.read(pos, 8);
      int alg = (int) u32(h, 0);
      long len = u32(h, 4);
      if (len > MAX_SIGNATURE_LENGTH) {
        throw new MarFormatException(
            Reason.SIGNATURE_TOO_LONG,
            "signature "
                + i
                + " is "
                + len
                + " bytes, at most "
                + MAX_SIGNATURE_LENGTH
                + " allowed");
      }
      requireHeaderBytes(pos + 8, len, "signature " + i);
      out.add(new MarSignature(alg, pos + 8, source.read(pos + 8, (int) len)));
      pos += 8 + len;
    }
    return pos;
  }

  private long readSections(long pos, List<MarSection> out) throws IOException {
    requireHeaderBytes(pos, 4, "additional section count");
    long count = u32(source.read(pos, 4), 0);
    pos += 4;
    for (long i = 0; i < count; i++) {
      requireHeaderBytes(pos, 8, "additional section " + i);
      byte[] h = source.read(pos, 8);
      long secSize = u32(h, 0);
      int id = (int) u32(h, 4);
      if (secSize < 8) {
        throw new MarFormatException(
            Reason.SECTION_MALFORMED,
            "additional section " + i + " has size " + secSize + ", less than its 8-byte header");
      }
      requireHeaderBytes(pos, secSize, "additional section " + i);
      out.add(new MarSection(id, pos, secSize));
      pos += secSize;
    }
    return pos;
  }

  private void requireHeaderBytes(long pos, long length, String what) throws MarFormatException {
    if (pos + length > offsetToIndex) {
      throw new MarFormatException(
          Reason.HEADER_OUT_OF_BOUNDS,
          what + " at offset " + pos + " runs past the index at " + offsetToIndex);
    }
  }

  private ProductInfo readProductInfo(MarSection s) throws IOException {
    long payload = s.size() - 8;
    if (payload > MAX_PIB_PAYLOAD) {
      throw new MarFormatException(
          Reason.PIB_MALFORMED,
          "product information block payload is " + payload + " bytes, over " + MAX_PIB_PAYLOAD);
    }
    byte[] p = source.read(s.offset() + 8, (int) payload);
    int nul1 = indexOfNul(p, 0);
    if (nul1 < 0) {
      throw new MarFormatException(
          Reason.PIB_MALFORMED, "product information block: channel ID is not NUL-terminated");
    }
    if (nul1 > ProductInfo.MAX_CHANNEL_BYTES) {
      throw new MarFormatException(
          Reason.PIB_CHANNEL_TOO_LONG,
          "MAR channel ID is " + nul1 + " bytes, at most " + ProductInfo.MAX_CHANNEL_BYTES);
    }
    int nul2 = indexOfNul(p, nul1 + 1);
    if (nul2 < 0) {
      throw new MarFormatException(
          Reason.PIB_MALFORMED, "product information block: version is not NUL-terminated");
    }
    int versionLength = nul2 - nul1 - 1;
    if (versionLength > ProductInfo.MAX_VERSION_BYTES) {
      throw new MarFormatException(
          Reason.PIB_VERSION_TOO_LONG,
          "product version is "
              + versionLength
              + " bytes, at most "
              + ProductInfo.MAX_VERSION_BYTES);
    }
    return new ProductInfo(utf8(p, 0, nul1), utf8(p, nul1 + 1, versionLength));
  }

  private static String utf8(byte[] b, int off, int len) throws MarFormatException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, off, len))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MarFormatException(
          Reason.PIB_MALFORMED, "product information block: string is not valid UTF-8");
    }
  }

  private static int indexOfNul(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private void checkEntryRanges() throws MarFormatException {
    for (MarEntry e : entries) {
      if (e.offset() < contentStart || e.offset() + e.length() > offsetToIndex) {
        throw new MarFormatException(
            Reason.ENTRY_OUT_OF_BOUNDS,
            "entry "
                + MarNames.quote(e.name())
                + " at ["
                + e.offset()
                + ", "
                + (e.offset() + e.length())
                + ") is outside the content area ["
                + contentStart
                + ", "
                + offsetToIndex
                + ")");
      }
    }
    MarEntry[] sorted = entries.stream().filter(e -> e.length() > 0).toArray(MarEntry[]::new);
    Arrays.sort(sorted, Comparator.comparingLong(MarEntry::offset));
    for (int i = 1; i < sorted.length; i++) {
      MarEntry a = sorted[i - 1];
      MarEntry b = sorted[i];
      if (b.offset() < a.offset() + a.length()) {
        throw new MarFormatException(
            Reason.ENTRIES_OVERLAP,
            "entries "
                + MarNames.quote(a.name())
                + " and "
                + MarNames.quote(b.name())
                + " overlap");
      }
    }
  }

  private static long u32(byte[] b, int off) {
    return Integer.toUnsignedLong(ByteBuffer.wrap(b, off, 4).getInt());
  }

  /** Which layout this MAR has. */
  public MarLayout layout() {
    return layout;
  }

  /** The file size in bytes. */
  public long size() {
    return size;
  }

  /** Where the index (its 4-byte size field) starts; also where the content area ends. */
  public long offsetToIndex() {
    return offsetToIndex;
  }

  /** Where the content area starts (after the header, signatures and additional sections). */
  public long contentStart() {
    return contentStart;
  }

  /** Where the signature block ends: the additional-section count starts here. */
  public long signatureBlockEnd() {
    return signatureBlockEnd;
  }

  /** The entries in index order. */
  public List<MarEntry> entries() {
    return entries;
  }

  /** The entry of that name, if any. */
  public Optional<MarEntry> entry(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The product information block, if the MAR has one (legacy MARs never do). */
  public Optional<ProductInfo> productInfo() {
    return Optional.ofNullable(productInfo);
  }

  /** The signatures in stored order; empty when unsigned or legacy. */
  public List<MarSignature> signatures() {
    return signatures;
  }

  /** The additional sections in stored order. */
  public List<MarSection> sections() {
    return sections;
  }

  /** The entry's stored bytes, as they are in the file (normally xz). */
  public InputStream openRaw(MarEntry entry) {
    requireOwn(entry);
    return source.stream(entry.offset(), entry.length());
  }

  /**
   * The entry's decoded bytes (xz, bzip2 or raw, recognised by magic); the stream fails with {@link
   * org.senbonzakura.compress.EntryTooLargeException} past {@code limit} bytes, or past {@link
   * EntryCodecs#decodedLimit()} if that is lower.
   */
  public InputStream openDecoded(MarEntry entry, long limit) throws IOException {
    return EntryCodecs.decode(openRaw(entry), limit);
  }

  /** Any byte range of the file, for hashing and copying; must lie inside the file. */
  public InputStream openRange(long offset, long length) {
    if (offset < 0 || length < 0 || offset + length > size) {
      throw new IllegalArgumentException(
          "range [" + offset + ", " + (offset + length) + ") outside the file of " + size);
    }
    return source.stream(offset, length);
  }

  private void requireOwn(MarEntry entry) {
    if (!entry.equals(byName.get(entry.name()))) {
      throw new IllegalArgumentException("entry " + entry.name() + " is not from this MAR");
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
