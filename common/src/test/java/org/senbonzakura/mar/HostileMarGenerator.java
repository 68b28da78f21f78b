/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.senbonzakura.mar.MarFormatException.Reason;

/**
 * Builds the hostile-input corpus checked in under {@code src/test/resources/mar/hostile/}: one
 * small MAR per reading rule, each breaking exactly that rule. Regenerate with {@code java -cp
 * common/target/test-classes:common/target/classes org.senbonzakura.mar.HostileMarGenerator
 * common/src/test/resources/mar/hostile} after a build; {@code HostileCorpusTest} checks that the
 * files equal what this produces.
 */
public final class HostileMarGenerator {
  /**
   * One corpus file.
   *
   * @param bytes the MAR
   * @param reason the rule it breaks
   * @param maxFileSize the reader limit to open it with
   */
  public record Case(byte[] bytes, Reason reason, long maxFileSize) {}

  private HostileMarGenerator() {}

  /** Writes every case as {@code NAME.mar} into the directory given as the only argument. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    for (Map.Entry<String, Case> c : cases().entrySet()) {
      Files.write(dir.resolve(c.getKey() + ".mar"), c.getValue().bytes());
    }
  }

  /** All cases by file name (without {@code .mar}), in a stable order. */
  public static Map<String, Case> cases() {
    Map<String, Case> m = new LinkedHashMap<>();
    long def = MarReadOptions.DEFAULT_MAX_FILE_SIZE;
    byte[] valid = new Mar().build();

    m.put("truncated", new Case(Arrays.copyOf(valid, 6), Reason.TRUNCATED, def));
    byte[] magic = valid.clone();
    magic[3] = '2';
    m.put("bad-magic", new Case(magic, Reason.BAD_MAGIC, def));
    m.put("file-too-large", new Case(valid, Reason.FILE_TOO_LARGE, valid.length - 1));
    m.put(
        "index-outside-file",
        new Case(new Mar().offsetToIndex(100_000).build(), Reason.INDEX_OUT_OF_BOUNDS, def));
    m.put(
        "index-size-past-end",
        new Case(new Mar().indexSizeDelta(50).build(), Reason.INDEX_OUT_OF_BOUNDS, def));
    m.put(
        "trailing-bytes",
        new Case(concat(valid, new byte[] {1, 2, 3}), Reason.TRAILING_BYTES, def));
    m.put(
        "size-mismatch", new Case(new Mar().storedSizeDelta(1).build(), Reason.SIZE_MISMATCH, def));
    Mar nine = new Mar();
    for (int i = 0; i < 9; i++) {
      nine.signature(2, new byte[4]);
    }
    m.put("nine-signatures", new Case(nine.build(), Reason.TOO_MANY_SIGNATURES, def));
    m.put(
        "signature-2049-bytes",
        new Case(new Mar().signature(2, new byte[2049]).build(), Reason.SIGNATURE_TOO_LONG, def));
    m.put(
        "signature-past-index",
        new Case(
            new Mar().signatureLengthOverride(2000).signature(2, new byte[16]).build(),
            Reason.HEADER_OUT_OF_BOUNDS,
            def));
    m.put(
        "section-count-huge",
        new Case(
            new Mar().sectionCountOverride(0x7FFFFFFF).build(), Reason.HEADER_OUT_OF_BOUNDS, def));
    m.put(
        "section-size-4",
        new Case(
            new Mar().noPib().section(rawSection(4, 7, new byte[0])).build(),
            Reason.SECTION_MALFORMED,
            def));
    m.put(
        "pib-not-first",
        new Case(
            new Mar().noPib().section(section(2, new byte[4])).section(pib("c", "1")).build(),
            Reason.PIB_NOT_FIRST,
            def));
    m.put(
        "pib-no-nul",
        new Case(
            new Mar()
                .noPib()
                .section(section(1, "AAAAAAAAAAAAAAAAAAAA".getBytes(StandardCharsets.US_ASCII)))
                .build(),
            Reason.PIB_MALFORMED,
            def));
    m.put(
        "pib-over-96-bytes",
        new Case(
            new Mar()
                .noPib()
                .section(section(1, concat(pibPayload("c", "1"), new byte[100])))
                .build(),
            Reason.PIB_MALFORMED,
            def));
    m.put(
        "pib-channel-64-bytes",
        new Case(
            new Mar().noPib().section(pib("c".repeat(64), "1")).build(),
            Reason.PIB_CHANNEL_TOO_LONG,
            def));
    m.put(
        "pib-version-32-bytes",
        new Case(
            new Mar().noPib().section(pib("c", "1".repeat(32))).build(),
            Reason.PIB_VERSION_TOO_LONG,
            def));
    m.put(
        "entry-into-index",
        new Case(new Mar().entryOffsetDelta(1, 3).build(), Reason.ENTRY_OUT_OF_BOUNDS, def));
    m.put(
        "entry-into-header",
        new Case(new Mar().entryOffsetDelta(0, -20).build(), Reason.ENTRY_OUT_OF_BOUNDS, def));
    m.put(
        "entry-length-huge",
        new Case(
            new Mar().entryLengthOverride(0, 0xFFFFFFF0L).build(),
            Reason.ENTRY_OUT_OF_BOUNDS,
            def));
    m.put(
        "legacy-entry-into-index",
        new Case(
            new Mar().legacy().entryOffsetDelta(1, 2).build(), Reason.ENTRY_OUT_OF_BOUNDS, def));
    m.put(
        "entries-overlap",
        new Case(new Mar().entryOffsetDelta(1, -2).build(), Reason.ENTRIES_OVERLAP, def));
    m.put(
        "name-not-terminated",
        new Case(new Mar().unterminatedLastName().build(), Reason.NAME_NOT_TERMINATED, def));
    m.put("name-empty", new Case(new Mar().name(1, new byte[0]).build(), Reason.NAME_EMPTY, def));
    m.put(
        "name-absolute",
        new Case(new Mar().name(1, utf8("/etc/passwd")).build(), Reason.NAME_ABSOLUTE, def));
    m.put(
        "name-drive-letter",
        new Case(new Mar().name(1, utf8("C:/Windows/x.dll")).build(), Reason.NAME_ABSOLUTE, def));
    m.put(
        "name-dot-dot",
        new Case(new Mar().name(1, utf8("a/../../x")).build(), Reason.NAME_DOT_DOT, def));
    m.put(
        "name-backslash",
        new Case(new Mar().name(1, utf8("a\\b")).build(), Reason.NAME_BACKSLASH, def));
    m.put("name-quote", new Case(new Mar().name(1, utf8("a\"b")).build(), Reason.NAME_QUOTE, def));
    m.put(
        "name-control-char",
        new Case(new Mar().name(1, utf8("a\nb")).build(), Reason.NAME_CONTROL_CHAR, def));
    m.put(
        "name-not-utf8",
        new Case(
            new Mar().name(1, new byte[] {'a', (byte) 0xC3, '('}).build(),
            Reason.NAME_NOT_UTF8,
            def));
    m.put(
        "name-repeated",
        new Case(new Mar().name(1, utf8("a.txt")).build(), Reason.NAME_REPEATED, def));
    m.put(
        "index-leftover-bytes",
        new Case(
            new Mar().indexTail(new byte[] {0, 0, 0, 1, 0}).build(),
            Reason.INDEX_LEFTOVER_BYTES,
            def));
    return m;
  }

  /** A valid MARs that must open: edge cases next to the hostile ones. */
  public static Map<String, byte[]> validEdgeCases() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("plain", new Mar().build());
    m.put("legacy", new Mar().legacy().build());
    m.put("no-product-info", new Mar().noPib().build());
    m.put("zero-length-entry-inside-another", new Mar().zeroLengthEntryInside().build());
    m.put(
        "channel-63-version-31",
        new Mar().noPib().section(pib("c".repeat(63), "1".repeat(31))).build());
    m.put("eight-signatures", eightSignatures());
    return m;
  }

  private static byte[] eightSignatures() {
    Mar m = new Mar();
    for (int i = 0; i < 8; i++) {
      m.signature(1, new byte[2048]);
    }
    return m.build();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static byte[] pibPayload(String channel, String version) {
    return concat(concat(utf8(channel), new byte[1]), concat(utf8(version), new byte[1]));
  }

  private static byte[] pib(String channel, String version) {
    return section(1, pibPayload(channel, version));
  }

  private static byte[] section(int id, byte[] payload) {
    return rawSection(8 + payload.length, id, payload);
  }

  private static byte[] rawSection(int size, int id, byte[] payload) {
    return ByteBuffer.allocate(8 + payload.length).putInt(size).putInt(id).put(payload).array();
  }

  /**
   * A tiny MAR composed field by field, with knobs to break each field. Entries: {@code a.txt}
   * ("hello"), {@code b/c.txt} ("world!"), stored raw.
   */
  private static final class Mar {
    private boolean legacy;
    private boolean pib = true;
    private final List<byte[]> sections = new ArrayList<>();
    private final List<byte[]> signatures = new ArrayList<>();
    private final List<Integer> signatureIds = new ArrayList<>();
    private int signatureLengthOverride = -1;
    private long sectionCountOverride = -1;
    private long offsetToIndex = -1;
    private long storedSizeDelta;
    private long indexSizeDelta;
    private final byte[][] names = {utf8("a.txt"), utf8("b/c.txt")};
    private final byte[][] data = {utf8("hello"), utf8("world!")};
    private final long[] offsetDelta = new long[2];
    private final long[] lengthOverride = {-1, -1};
    private boolean unterminated;
    private boolean zeroInside;
    private byte[] indexTail = new byte[0];

    Mar legacy() {
      legacy = true;
      return this;
    }

    Mar noPib() {
      pib = false;
      return this;
    }

    Mar section(byte[] s) {
      sections.add(s);
      return this;
    }

    Mar signature(int id, byte[] bytes) {
      signatureIds.add(id);
      signatures.add(bytes);
      return this;
    }

    Mar signatureLengthOverride(int len) {
      signatureLengthOverride = len;
      return this;
    }

    Mar sectionCountOverride(long n) {
      sectionCountOverride = n;
      return this;
    }

    Mar offsetToIndex(long v) {
      offsetToIndex = v;
      return this;
    }

    Mar storedSizeDelta(long d) {
      storedSizeDelta = d;
      return this;
    }

    Mar indexSizeDelta(long d) {
      indexSizeDelta = d;
      return this;
    }

    Mar entryOffsetDelta(int i, long d) {
      offsetDelta[i] = d;
      return this;
    }

    Mar entryLengthOverride(int i, long len) {
      lengthOverride[i] = len;
      return this;
    }

    Mar name(int i, byte[] name) {
      names[i] = name;
      return this;
    }

    Mar unterminatedLastName() {
      unterminated = true;
      return this;
    }

    Mar zeroLengthEntryInside() {
      zeroInside = true;
      return this;
    }

    Mar indexTail(byte[] tail) {
      indexTail = tail;
      return this;
    }

    byte[] build() {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      if (!legacy) {
        for (int i = 0; i < signatures.size(); i++) {
          byte[] s = signatures.get(i);
          int len = i == 0 && signatureLengthOverride >= 0 ? signatureLengthOverride : s.length;
          head.writeBytes(ByteBuffer.allocate(8).putInt(signatureIds.get(i)).putInt(len).array());
          head.writeBytes(s);
        }
        List<byte[]> secs = new ArrayList<>();
        if (pib) {
          secs.add(pib("sbz-hostile", "1.0"));
        }
        secs.addAll(sections);
        long count = sectionCountOverride >= 0 ? sectionCountOverride : secs.size();
        head.writeBytes(ByteBuffer.allocate(4).putInt((int) count).array());
        secs.forEach(head::writeBytes);
      }
      int headerLength = (legacy ? 8 : 20) + head.size();
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      ByteArrayOutputStream index = new ByteArrayOutputStream();
      for (int i = 0; i < 2; i++) {
        long offset = headerLength + content.size() + offsetDelta[i];
        long length = lengthOverride[i] >= 0 ? lengthOverride[i] : data[i].length;
        index.writeBytes(
            ByteBuffer.allocate(12).putInt((int) offset).putInt((int) length).putInt(0644).array());
        index.writeBytes(names[i]);
        if (!(unterminated && i == 1)) {
          index.write(0);
        }
        content.writeBytes(data[i]);
      }
      if (zeroInside) {
        index.writeBytes(
            ByteBuffer.allocate(12).putInt(headerLength + 2).putInt(0).putInt(0644).array());
        index.writeBytes(utf8("zero"));
        index.write(0);
      }
      index.writeBytes(indexTail);
      long idxOffset = headerLength + content.size();
      long total = idxOffset + 4 + index.size();
      ByteBuffer out = ByteBuffer.allocate((int) total);
      out.put(utf8("MAR1"));
      out.putInt((int) (offsetToIndex >= 0 ? offsetToIndex : idxOffset));
      if (!legacy) {
        out.putLong(total + storedSizeDelta);
        out.putInt(signatures.size());
        out.put(head.toByteArray());
      }
      out.put(content.toByteArray());
      out.putInt((int) (index.size() + indexSizeDelta));
      out.put(index.toByteArray());
      return out.array();
    }
  }
}
