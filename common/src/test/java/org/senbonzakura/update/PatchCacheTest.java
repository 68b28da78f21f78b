/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchCacheTest {
  @TempDir Path tmp;

  private static final EntryCompression XZ = new EntryCompression(true, true);

  @Test
  void storesByContentAndModeAndLeavesNoTemporaries() throws Exception {
    PatchCache cache = new PatchCache(tmp.resolve("c"));
    String a = Hashes.sha256(new byte[] {1});
    String b = Hashes.sha256(new byte[] {2});
    assertEquals(Optional.empty(), cache.patch(a, b, "exact", XZ));
    cache.putPatch(a, b, "exact", XZ, new byte[] {9, 9});
    cache.putPatch(a, b, "fast", XZ, null);
    cache.putFull(b, XZ, new byte[] {7});
    assertArrayEquals(new byte[] {9, 9}, cache.patch(a, b, "exact", XZ).orElseThrow());
    assertEquals(0, cache.patch(a, b, "fast", XZ).orElseThrow().length, "full-wins verdict");
    assertEquals(Optional.empty(), cache.patch(b, a, "exact", XZ));
    assertEquals(Optional.empty(), cache.patch(a, b, "exact", EntryCompression.BZIP2));
    assertArrayEquals(new byte[] {7}, cache.full(b, XZ).orElseThrow());
    // a second instance over the same directory sees the same entries
    assertTrue(new PatchCache(tmp.resolve("c")).full(b, XZ).isPresent());
    try (Stream<Path> s = Files.walk(tmp)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".tmp-")));
    }
  }
}
