/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class Crc32Bzip2Test {
  @Test
  void checkValueIsTheBzip2One() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0xFC891918, Crc32Bzip2.of(check));
    CRC32 zlib = new CRC32();
    zlib.update(check);
    assertNotEquals(zlib.getValue(), Crc32Bzip2.of(check) & 0xFFFFFFFFL);
  }

  @Test
  void emptyInputIsZero() {
    assertEquals(0, Crc32Bzip2.of(new byte[0]));
  }

  @Test
  void incrementalEqualsWholeAndBitwiseModel() {
    byte[] data = new byte[10_000];
    new Random(7).nextBytes(data);
    Crc32Bzip2 c = new Crc32Bzip2();
    c.update(data, 0, 1234).update(data, 1234, data.length - 1234);
    assertEquals(Crc32Bzip2.of(data), c.value());
    assertEquals(ReferenceMbsdiff.crc(data), Crc32Bzip2.of(data));
  }
}
