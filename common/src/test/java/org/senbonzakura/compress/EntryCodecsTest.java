/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
}
