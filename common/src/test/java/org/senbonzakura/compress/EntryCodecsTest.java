/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

class EntryCodecsTest {
  private static byte[] sample() {
    byte[] b = new byte[200_000];
    new Random(7).nextBytes(b);
    for (int i = 0; i < b.length; i += 3) {
      b[i] = 'a'; // partly compressible
    }
    return b;
  }

  private static byte[] xz(byte[] in, boolean x86) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EntryCodecs.compressXz(new ByteArrayInputStream(in), out, x86);
    return out.toByteArray();
  }

  private static byte[] bz(byte[] in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EntryCodecs.compressBzip2(new ByteArrayInputStream(in), out);
    return out.toByteArray();
  }

  private static byte[] decode(byte[] in, long limit) throws IOException {
    try (InputStream d = EntryCodecs.decode(new ByteArrayInputStream(in), limit)) {
      return d.readAllBytes();
    }
  }

  @Test
  void xzRoundTripsAndIsDeterministic() throws IOException {
    byte[] data = sample();
    for (boolean x86 : new boolean[] {false, true}) {
      byte[] a = xz(data, x86);
      assertArrayEquals(a, xz(data, x86));
      assertEquals(EntryFormat.XZ, EntryFormat.detect(a, a.length));
      assertArrayEquals(data, decode(a, data.length));
    }
  }

  @Test
  void xzHeaderSaysCrc64AndX86FilterOnlyWhenAsked() throws IOException {
    byte[] plain = xz(sample(), false);
    byte[] bcj = xz(sample(), true);
    assertEquals(XZ.CHECK_CRC64, plain[7]);
    // block header: size byte, flags byte (number of filters - 1 in the low bits), first filter id
    assertEquals(0, plain[13] & 0x03);
    assertEquals(0x21, plain[14]); // LZMA2
    assertEquals(1, bcj[13] & 0x03);
    assertEquals(0x04, bcj[14]); // x86 BCJ
  }

  @Test
  void emptyInputIsTheBlocklessStreamXzUtilsWrites() throws IOException {
    byte[] e = xz(new byte[0], true);
    assertEquals(32, e.length);
    assertArrayEquals(e, xz(new byte[0], false));
    assertEquals(0, decode(e, 0).length);
  }

  @Test
  void bzip2RoundTrips() throws IOException {
    byte[] data = sample();
    byte[] c = bz(data);
    assertEquals(EntryFormat.BZIP2, EntryFormat.detect(c, c.length));
    assertEquals('9', c[3]);
    assertArrayEquals(data, decode(c, data.length));
    assertArrayEquals(c, bz(data));
  }

  @Test
  void rawPassesThrough() throws IOException {
    byte[] data = "plain text".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertEquals(EntryFormat.RAW, EntryFormat.detect(data, data.length));
    assertArrayEquals(data, decode(data, data.length));
    assertThrows(EntryTooLargeException.class, () -> decode(data, data.length - 1));
  }

  @Test
  void bombsStopAtTheLimit() throws IOException {
    byte[] zeros = new byte[10 << 20];
    byte[] xzBomb = xz(zeros, false);
    byte[] bzBomb = bz(zeros);
    EntryTooLargeException e =
        assertThrows(EntryTooLargeException.class, () -> decode(xzBomb, 1 << 20));
    assertEquals(1 << 20, e.limit());
    assertThrows(EntryTooLargeException.class, () -> decode(bzBomb, 1 << 20));
    assertEquals(zeros.length, decode(xzBomb, zeros.length).length);
  }

  @Test
  void corruptDataIsAnEntryDecodeException() throws IOException {
    byte[] c = xz(sample(), false);
    c[c.length / 2] ^= 0x55;
    assertThrows(EntryDecodeException.class, () -> decode(c, Long.MAX_VALUE));
    byte[] b = bz(sample());
    b[b.length / 2] ^= 0x55;
    assertThrows(EntryDecodeException.class, () -> decode(b, Long.MAX_VALUE));
    byte[] truncated = java.util.Arrays.copyOf(xz(sample(), false), 20);
    assertThrows(EntryDecodeException.class, () -> decode(truncated, Long.MAX_VALUE));
  }

  @Test
  void sha256CheckIsRefusedLikeTheUpdater() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XZOutputStream x = new XZOutputStream(out, new LZMA2Options(), XZ.CHECK_SHA256)) {
      x.write(new byte[] {1, 2, 3});
    }
    assertThrows(EntryDecodeException.class, () -> decode(out.toByteArray(), 100));
  }

  /** {@code n} bytes that are no compression magic (so: raw), produced without storing them. */
  private static InputStream rawBytes(long n) {
    return new InputStream() {
      private long left = n;

      @Override
      public int read() {
        return left-- > 0 ? 'r' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int k = (int) Math.min(len, left);
        // the bytes are left as they are: a caller's fresh buffer holds zeros, which are raw
        left -= k;
        return k;
      }
    };
  }

  @Test
  void theProductionLimitBindsEvenACallerThatAsksForNone() throws IOException {
    assertEquals(Integer.MAX_VALUE - 8, EntryCodecs.MAX_DECODED_SIZE); // the JVM's array limit
    assertEquals(EntryCodecs.MAX_DECODED_SIZE, EntryCodecs.decodedLimit());
    long atLimit;
    try (InputStream in =
        EntryCodecs.decode(rawBytes(EntryCodecs.MAX_DECODED_SIZE), Long.MAX_VALUE)) {
      atLimit = in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    assertEquals(EntryCodecs.MAX_DECODED_SIZE, atLimit);
    InputStream over =
        EntryCodecs.decode(rawBytes(EntryCodecs.MAX_DECODED_SIZE + 1), Long.MAX_VALUE);
    EntryTooLargeException e =
        assertThrows(
            EntryTooLargeException.class,
            () -> over.transferTo(java.io.OutputStream.nullOutputStream()));
    assertEquals(EntryCodecs.MAX_DECODED_SIZE, e.limit());
    assertEquals("decoded entry exceeds the limit of 2147483639 bytes", e.getMessage());
  }

  @Test
  void theLimitPropertyLowersButNeverRaisesTheLimit() throws IOException {
    try {
      System.setProperty(EntryCodecs.LIMIT_PROPERTY, "100");
      assertEquals(100, EntryCodecs.decodedLimit());
      assertEquals(100, decode(new byte[100], Long.MAX_VALUE).length);
      assertEquals(
          100,
          assertThrows(EntryTooLargeException.class, () -> decode(new byte[101], 1000)).limit());
      assertEquals(
          50, assertThrows(EntryTooLargeException.class, () -> decode(new byte[101], 50)).limit());
      System.setProperty(EntryCodecs.LIMIT_PROPERTY, Long.toString(Long.MAX_VALUE));
      assertEquals(EntryCodecs.MAX_DECODED_SIZE, EntryCodecs.decodedLimit());
    } finally {
      System.clearProperty(EntryCodecs.LIMIT_PROPERTY);
    }
  }

  @Test
  void decodeAllCountsFirstAndChecksAKnownSize() throws IOException {
    byte[] data = sample();
    byte[] c = xz(data, false);
    assertArrayEquals(data, EntryCodecs.decodeAll(c));
    assertArrayEquals(data, EntryCodecs.decodeAll(c, data.length));
    assertThrows(EntryDecodeException.class, () -> EntryCodecs.decodeAll(c, data.length - 1));
    assertThrows(EntryDecodeException.class, () -> EntryCodecs.decodeAll(c, data.length + 1));
    assertThrows(
        EntryTooLargeException.class,
        () -> EntryCodecs.decodeAll(c, EntryCodecs.MAX_DECODED_SIZE + 1));
  }

  /**
   * Issue #19: the job's assembler opened a stored patch and handed it to the decoder, which never
   * closed it when the header was bad. The decoder owns its source, on every path.
   */
  @Test
  void aBadHeaderClosesTheSource(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws IOException {
    byte[] goodXz = xz(sample(), false);
    byte[] badXz = goodXz.clone();
    badXz[7] = 0x0F; // stream flags: an unknown check type, refused while opening
    byte[] badBz = {'B', 'Z', 'h', '9', 0, 0, 0, 0, 0, 0};
    for (byte[] bad : List.of(badXz, badBz)) {
      java.nio.file.Path f = tmp.resolve("patch");
      java.nio.file.Files.write(f, bad);
      java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f);
      assertThrows(
          EntryDecodeException.class,
          () -> EntryCodecs.decode(java.nio.channels.Channels.newInputStream(ch), 1 << 20));
      assertFalse(ch.isOpen(), "the source is closed after a bad header");
      java.nio.channels.FileChannel ch2 = java.nio.channels.FileChannel.open(f);
      assertThrows(
          EntryDecodeException.class,
          () ->
              EntryCodecs.decode(
                  java.nio.channels.Channels.newInputStream(ch2),
                  EntryFormat.detect(bad, bad.length),
                  1 << 20));
      assertFalse(ch2.isOpen(), "the source is closed after a bad header (known format)");
    }
  }

  @Test
  void anXzEntrysIndexGivesItsSizeSoItIsDecodedOnce() throws IOException {
    byte[] data = sample();
    byte[] one = xz(data, false);
    assertEquals(data.length, EntryCodecs.xzIndexSize(one));
    assertArrayEquals(data, EntryCodecs.decodeAll(one));
    // several blocks in one stream, as sbz's parallel compression writes them
    ByteArrayOutputStream multi = new ByteArrayOutputStream();
    try (XZOutputStream x = new XZOutputStream(multi, new LZMA2Options(), XZ.CHECK_CRC64)) {
      x.write(data, 0, 70_000);
      x.endBlock();
      x.write(data, 70_000, data.length - 70_000);
    }
    assertEquals(data.length, EntryCodecs.xzIndexSize(multi.toByteArray()));
    assertArrayEquals(data, EntryCodecs.decodeAll(multi.toByteArray()));
    // not xz, or an xz stream cut short: no size from the index, the counting pass decides
    assertEquals(-1, EntryCodecs.xzIndexSize(bz(data)));
    byte[] cut = java.util.Arrays.copyOf(one, one.length - 1);
    assertEquals(-1, EntryCodecs.xzIndexSize(cut));
    assertThrows(IOException.class, () -> EntryCodecs.decodeAll(cut));
    assertArrayEquals(data, EntryCodecs.decodeAll(bz(data)));
  }
}
