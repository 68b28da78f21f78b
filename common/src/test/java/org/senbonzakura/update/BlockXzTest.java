/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.XZInputStream;

class BlockXzTest {
  @Test
  void joinedBlocksDecodeToTheInputAsOneStream() throws Exception {
    byte[] data = new byte[300_000];
    Random r = new Random(7);
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (r.nextInt(8) + (i / 5000));
    }
    EntryCodec codec = UpdateTools.codec();
    EntryCompression c = new EntryCompression(true, true);
    byte[] z = BlockXz.compress(data, 64 * 1024, chunk -> codec.compress(chunk, c, true));
    assertArrayEquals(data, codec.decompress(z)); // sbz's bounded single-stream decoder
    try (XZInputStream in = new XZInputStream(new ByteArrayInputStream(z))) {
      assertArrayEquals(data, in.readAllBytes());
    }
    // 5 blocks in one stream: the index records them
    assertEquals(5, blocks(z));
    // a small input stays a plain single-block stream
    byte[] small = java.util.Arrays.copyOf(data, 1000);
    assertArrayEquals(
        codec.compress(small, c, true),
        BlockXz.compress(small, 64 * 1024, chunk -> codec.compress(chunk, c, true)));
  }

  private static int blocks(byte[] z) throws Exception {
    try (var in =
        new org.tukaani.xz.SeekableXZInputStream(
            new org.tukaani.xz.SeekableFileInputStream(write(z)))) {
      return in.getBlockCount();
    }
  }

  private static java.io.File write(byte[] z) throws Exception {
    java.io.File f = java.io.File.createTempFile("blockxz", ".xz");
    f.deleteOnExit();
    java.nio.file.Files.write(f.toPath(), z);
    return f;
  }
}
