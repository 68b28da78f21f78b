/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BigFilesTest {
  @Test
  void roundTripsFilesOfEverySizeAroundThePiece(@TempDir Path dir) throws Exception {
    Random r = new Random(1);
    for (int size : new int[] {0, 1, BigFiles.PIECE - 1, BigFiles.PIECE, 3 * BigFiles.PIECE + 17}) {
      byte[] b = new byte[size];
      r.nextBytes(b);
      Path f = dir.resolve("f" + size);
      BigFiles.write(f, b);
      assertArrayEquals(b, Files.readAllBytes(f));
      assertArrayEquals(b, BigFiles.readAllBytes(f));
    }
  }

  @Test
  void neverHandsTheStreamMoreThanOnePieceAtOnce() throws Exception {
    List<Integer> lengths = new ArrayList<>();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    OutputStream out =
        new OutputStream() {
          @Override
          public void write(int b) {
            lengths.add(1);
            all.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            lengths.add(len);
            all.write(b, off, len);
          }
        };
    byte[] b = new byte[2 * BigFiles.PIECE + 5];
    new Random(2).nextBytes(b);
    BigFiles.write(out, b);
    assertEquals(List.of(BigFiles.PIECE, BigFiles.PIECE, 5), lengths);
    assertArrayEquals(b, all.toByteArray());
  }
}
