/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
  @TempDir Path dir;

  private BlobStore store() {
    return new BlobStore(
        new Storage(new Configuration()),
        dir.resolve("blobs").toUri().toString(),
        dir.resolve("tmp").toUri().toString());
  }

  @Test
  void storesByContentOnce() throws Exception {
    BlobStore s = store();
    byte[] data = "hello".getBytes();
    BlobStore.Stored a = s.put(data);
    BlobStore.Stored b = s.put(data);
    assertEquals(Digests.sha256Hex(data), a.sha256());
    assertFalse(a.existed());
    assertTrue(b.existed());
    assertEquals(a.location(), b.location());
    assertArrayEquals(data, s.read(a.sha256()));
  }

  @Test
  void largeContentStreamsThroughATemporaryFile() throws Exception {
    byte[] data = new byte[(8 << 20) + 123];
    new Random(1).nextBytes(data);
    BlobStore.Stored a = store().put(new ByteArrayInputStream(data));
    assertEquals(Digests.sha256Hex(data), a.sha256());
    assertEquals(data.length, a.size());
    assertArrayEquals(data, store().read(a.sha256()));
    try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
      assertEquals(0, tmp.filter(p -> !p.getFileName().toString().endsWith(".crc")).count());
    }
  }

  @Test
  void aFailedWriteLeavesNoFinalFile() throws Exception {
    Storage storage = new Storage(new Configuration());
    String target = dir.resolve("x/final").toUri().toString();
    assertThrows(
        IOException.class,
        () ->
            storage.writeAtomically(
                target,
                true,
                out -> {
                  out.write(1);
                  throw new IOException("disk full");
                }));
    assertFalse(storage.exists(target));
  }
}
