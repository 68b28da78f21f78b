/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayInstallTreeTest {
  private static Set<Path> spillDirs() throws Exception {
    Set<Path> out = new HashSet<>();
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      s.filter(p -> p.getFileName().toString().startsWith("sbz-verify")).forEach(out::add);
    }
    return out;
  }

  @Test
  void bigWrittenFilesLeaveTheHeapAndReadBackUntilClosed(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("old.txt"), "old");
    TreeSource base = DirectorySource.scan(dir);
    Set<Path> before = spillDirs();
    byte[] big = new byte[3000];
    Arrays.fill(big, (byte) 7);
    byte[] small = "small".getBytes(StandardCharsets.UTF_8);
    OverlayInstallTree tree = new OverlayInstallTree(base, null, 1000);
    tree.write("lib/big.so", big, 0755);
    tree.write("small.txt", small, 0644);
    assertEquals(small.length, tree.heldBytes(), "only the small file is on the heap");
    assertArrayEquals(big, tree.read("lib/big.so"));
    assertArrayEquals(small, tree.read("small.txt"));
    assertArrayEquals("old".getBytes(StandardCharsets.UTF_8), tree.read("old.txt"));

    Set<Path> during = spillDirs();
    during.removeAll(before);
    assertEquals(1, during.size(), "one temporary directory for the big file");
    Path spill = during.iterator().next();

    byte[] bigger = new byte[5000];
    tree.write("lib/big.so", bigger, 0755); // rewritten: the old temporary file goes
    assertArrayEquals(bigger, tree.read("lib/big.so"));
    try (Stream<Path> s = Files.list(spill)) {
      assertEquals(1, s.count());
    }
    tree.delete("lib/big.so");
    try (Stream<Path> s = Files.list(spill)) {
      assertEquals(0, s.count());
    }
    assertTrue(tree.files().stream().noneMatch(f -> f.path().equals("lib/big.so")));
    tree.write("lib/again.so", big, 0755);
    assertTrue(Files.isDirectory(spill));
    tree.close();
    assertFalse(Files.exists(spill), "close deletes the temporary files and their directory");
  }
}
