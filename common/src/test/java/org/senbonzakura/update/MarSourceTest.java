/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarSourceTest {
  private static final Path A = GoldenTrees.partialSmall().resolve("a.complete.mar");
  private static final Path B = GoldenTrees.partialSmall().resolve("b.complete.mar");

  /** The real codec, recording which entries it decodes. */
  private static final class CountingCodec implements EntryCodec {
    final Set<Integer> decoded = ConcurrentHashMap.newKeySet();

    @Override
    public byte[] compress(byte[] data, EntryCompression c, boolean fullFile) throws IOException {
      return UpdateTools.codec().compress(data, c, fullFile);
    }

    @Override
    public byte[] decompress(byte[] data) throws IOException {
      decoded.add(System.identityHashCode(data));
      return UpdateTools.codec().decompress(data);
    }

    @Override
    public byte[] decompress(byte[] data, long size) throws IOException {
      decoded.add(System.identityHashCode(data));
      return UpdateTools.codec().decompress(data, size);
    }

    @Override
    public java.io.InputStream decoder(byte[] data) throws IOException {
      decoded.add(System.identityHashCode(data));
      return UpdateTools.codec().decoder(data);
    }

    @Override
    public boolean matches(byte[] stored, EntryCompression c, boolean fullFile) {
      return UpdateTools.codec().matches(stored, c, fullFile);
    }
  }

  @Test
  void entriesStoredAsInTheEarlierMarAreNeitherDecodedNorHashedAgain() throws IOException {
    MarIo io = UpdateTools.marIo();
    MarSource from = new MarSource(io.read(A), UpdateTools.codec());
    MarSource alone = new MarSource(io.read(B), UpdateTools.codec());
    CountingCodec counting = new CountingCodec();
    MarIo.Contents b = io.read(B);
    MarSource to = new MarSource(b, counting, from);

    // same description as when B is listed on its own
    assertEquals(
        new TreeSet<>(alone.listing().files().stream().map(Object::toString).toList()),
        new TreeSet<>(to.listing().files().stream().map(Object::toString).toList()));
    // the golden pair shares unchanged entries, and exactly those were not decoded
    int shared = 0;
    MarIo.Contents a = io.read(A);
    for (MarItem i : b.items()) {
      boolean same =
          a.items().stream()
              .anyMatch(
                  x -> x.name().equals(i.name()) && java.util.Arrays.equals(x.data(), i.data()));
      boolean isManifest = i.name().endsWith(".manifest");
      if (same && !isManifest) {
        shared++;
        assertTrue(
            !counting.decoded.contains(System.identityHashCode(i.data())) || isRemovedFiles(i),
            i.name() + " was decoded");
      }
    }
    assertTrue(shared > 0, "the golden pair has unchanged entries");
    assertEquals(shared, to.reusedEntries());
    // reading still gives the content
    for (FileInfo f : to.listing().files()) {
      assertArrayEquals(alone.read(f.path()), to.read(f.path()), f.path());
    }
  }

  @Test
  void aSourceOpenedFromTheIndexReadsEntriesFromTheFileWhenAsked(@TempDir Path dir)
      throws IOException {
    Path mar = Files.copy(B, dir.resolve("b.mar"));
    MarIo io = UpdateTools.marIo();
    MarSource held = new MarSource(io.read(B), UpdateTools.codec());
    MarSource from = new MarSource(io.read(A), UpdateTools.codec());
    MarSource onDemand = new MarSource(io.index(mar), UpdateTools.codec(), from);

    assertEquals(held.listing().byPath(), onDemand.listing().byPath());
    EntryCompression xz = new EntryCompression(true, false);
    for (FileInfo f : held.listing().files()) {
      assertArrayEquals(held.read(f.path()), onDemand.read(f.path()), f.path());
      Path copy = dir.resolve("copy");
      onDemand.copyTo(f.path(), copy);
      assertArrayEquals(held.read(f.path()), Files.readAllBytes(copy), f.path());
      assertEquals(held.storedEntryLength(f.path(), xz), onDemand.storedEntryLength(f.path(), xz));
      assertEquals(
          held.storedEntry(f.path(), xz).map(java.util.Arrays::toString),
          onDemand.storedEntry(f.path(), xz).map(java.util.Arrays::toString));
    }
    // nothing was kept: a MAR changed under the source is noticed, not read from memory
    Files.write(mar, new byte[] {0}, StandardOpenOption.APPEND);
    String path = held.listing().files().get(0).path();
    IOException e = assertThrows(IOException.class, () -> onDemand.read(path));
    assertTrue(e.getMessage().contains("changed while in use"), e.getMessage());
  }

  private static boolean isRemovedFiles(MarItem i) {
    return TreeListing.REMOVED_FILES_PATHS.contains(i.name()); // read for its text
  }
}
