/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.senbonzakura.compress.EntryCodecs;
import org.senbonzakura.compress.XzEffort;

/**
 * Fast mode's deeper xz search ({@link XzEffort#DEEP}): the same stream settings as Mozilla's (so
 * the updater decodes it with the same memory), the same content back, and a smaller entry on what
 * patches look like, which is the reason it exists.
 */
class XzEffortTest {
  /**
   * A diff block as the differ writes one for code that moved: zeros where old and new agree, and
   * small sparse differences where addresses changed.
   */
  private static byte[] patchLike() {
    Random r = new Random(7);
    byte[] b = new byte[4 << 20];
    for (int i = r.nextInt(360) + 40; i + 1 < b.length; i += r.nextInt(360) + 40) {
      b[i] = (byte) (1 + r.nextInt(3));
      if (r.nextBoolean()) {
        b[i + 1] = (byte) 0xff;
      }
    }
    return b;
  }

  /** The LZMA2 dictionary-size byte of a single-filter xz stream's first block header. */
  private static int dictionaryByte(byte[] xz) {
    assertEquals(0x21, xz[14], "LZMA2 is the only filter");
    return xz[16] & 0xff;
  }

  @Test
  void deepIsSmallerOnPatchesWithTheSameDictionaryAndContent() throws IOException {
    byte[] raw = patchLike();
    EntryCompression c = new EntryCompression(true, false);
    EntryCodec codec = UpdateTools.codec();
    byte[] mozilla = codec.compress(raw, c, false, XzEffort.MOZILLA);
    byte[] deep = codec.compress(raw, c, false, XzEffort.DEEP);
    assertArrayEquals(codec.compress(raw, c, false), mozilla, "MOZILLA is the plain compress");
    assertArrayEquals(raw, codec.decompress(deep));
    assertEquals(dictionaryByte(mozilla), dictionaryByte(deep), "same decoder memory");
    assertEquals(22, dictionaryByte(deep), "8 MiB, preset 6's dictionary");
    assertTrue(
        deep.length < mozilla.length, "deep " + deep.length + " vs mozilla " + mozilla.length);
  }

  @Test
  void theJavaFallbackSearchesDeeperToo() throws IOException {
    byte[] raw = patchLike();
    ByteArrayOutputStream mozilla = new ByteArrayOutputStream();
    ByteArrayOutputStream deep = new ByteArrayOutputStream();
    EntryCodecs.compressXz(new ByteArrayInputStream(raw), mozilla, false, XzEffort.MOZILLA);
    EntryCodecs.compressXz(new ByteArrayInputStream(raw), deep, false, XzEffort.DEEP);
    assertArrayEquals(raw, UpdateTools.codec().decompress(deep.toByteArray()));
    assertEquals(dictionaryByte(mozilla.toByteArray()), dictionaryByte(deep.toByteArray()));
    assertTrue(deep.size() < mozilla.size(), "deep " + deep.size() + " vs " + mozilla.size());
  }
}
