/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
  void entriesStoredAlikeInBothMarsAreDecodedOnNeitherSide() throws IOException {
    MarIo io = UpdateTools.marIo();
    MarSource aloneA = new MarSource(io.read(A), UpdateTools.codec());
    MarSource aloneB = new MarSource(io.read(B), UpdateTools.codec());
    MarIo.Contents a = io.read(A);
    MarIo.Contents b = io.read(B);
    CountingCodec counting = new CountingCodec();
    PlanOptions plan = new PlanOptions(List.of(), UpdateFormat.CURRENT);
    MarSource.Pair pair =
        MarSource.pair(
            MarIo.Index.of(a),
            MarIo.Index.of(b),
            counting,
            p -> PartialPlanner.shippedEvenIfUnchanged(p, plan));

    int twins = 0;
    int shippedTwins = 0;
    for (MarItem i : b.items()) {
      MarItem old =
          a.items().stream()
              .filter(x -> x.name().equals(i.name()) && Arrays.equals(x.data(), i.data()))
              .findFirst()
              .orElse(null);
      if (old == null || i.name().endsWith(".manifest")) {
        continue;
      }
      FileInfo from = pair.from().listing().byPath().get(i.name());
      FileInfo to = pair.to().listing().byPath().get(i.name());
      if (PartialPlanner.shippedEvenIfUnchanged(i.name(), plan)) {
        shippedTwins++; // shipped whole: its content must be known, as when listed alone
        assertEquals(aloneA.listing().byPath().get(i.name()), from);
        assertEquals(aloneB.listing().byPath().get(i.name()), to);
        continue;
      }
      twins++;
      for (MarItem side : List.of(old, i)) {
        assertFalse(
            counting.decoded.contains(System.identityHashCode(side.data())),
            i.name() + " was decoded");
      }
      assertFalse(to.hashed(), i.name());
      assertTrue(to.sameContent(from), i.name());
      assertEquals(aloneB.listing().byPath().get(i.name()).size(), to.size(), i.name());
      assertEquals(aloneB.listing().byPath().get(i.name()).mode(), to.mode(), i.name());
    }
    assertTrue(twins > 0, "the golden pair has unchanged entries");
    assertTrue(shippedTwins > 0, "the golden pair has an unchanged file shipped anyway");
    assertEquals(twins, pair.to().reusedEntries());
    assertEquals(twins, pair.from().reusedEntries());
    // every other file is described as when its MAR is listed alone, and reading gives content
    for (MarSource[] s :
        List.of(new MarSource[] {pair.from(), aloneA}, new MarSource[] {pair.to(), aloneB})) {
      assertEquals(s[1].listing().files().size(), s[0].listing().files().size());
      for (FileInfo f : s[0].listing().files()) {
        if (f.hashed()) {
          assertEquals(s[1].listing().byPath().get(f.path()), f);
        }
        assertArrayEquals(s[1].read(f.path()), s[0].read(f.path()), f.path());
      }
    }
  }

  @Test
  void aBigEntryIsDecodedOnceAndItsCopyDeletedOnClose(@TempDir Path dir) throws IOException {
    byte[] big = new byte[(int) MarSource.KEEP_DECODED_AT + 4096];
    new java.util.Random(7).nextBytes(big); // incompressible: stored past the threshold
    EntryCompression xz = new EntryCompression(true, false);
    MarIo.Contents mar =
        new MarIo.Contents(
            new org.senbonzakura.mar.ProductInfo("c", "1"),
            List.of(
                new MarItem("big.bin", 0644, UpdateTools.codec().compress(big, xz, true)),
                new MarItem(
                    "small.txt", 0644, UpdateTools.codec().compress(new byte[10], xz, true))));
    CountingCodec counting = new CountingCodec();
    MarSource source = new MarSource(mar, counting);
    assertEquals(2, counting.decoded.size()); // each entry decoded once, to be hashed
    counting.decoded.clear();

    assertArrayEquals(big, source.read("big.bin"));
    source.copyTo("big.bin", dir.resolve("copy"));
    assertArrayEquals(big, Files.readAllBytes(dir.resolve("copy")));
    assertEquals(Set.of(), counting.decoded, "read again from the decoded copy, not decoded");
    source.read("small.txt");
    assertEquals(1, counting.decoded.size(), "a small entry is decoded when read");

    List<Path> copies = source.decodedCopies();
    assertEquals(1, copies.size());
    assertTrue(Files.exists(copies.get(0)));
    source.close();
    assertFalse(Files.exists(copies.get(0)), "the decoded copy is deleted on close");
    assertFalse(Files.exists(copies.get(0).getParent()), "and its directory");
    assertArrayEquals(big, source.read("big.bin"), "after close, decoded from the MAR again");
  }

  @Test
  void twinsWithABrokenXzIndexAreDecodedAndTheErrorReported(@TempDir Path dir) throws IOException {
    MarIo io = UpdateTools.marIo();
    MarIo.Contents a = io.read(A);
    MarIo.Contents b = io.read(B);
    PlanOptions plan = new PlanOptions(List.of(), UpdateFormat.CURRENT);
    MarItem twin =
        b.items().stream()
            .filter(i -> !PartialPlanner.shippedEvenIfUnchanged(i.name(), plan))
            .filter(i -> a.items().stream().anyMatch(x -> Arrays.equals(x.data(), i.data())))
            .findFirst()
            .orElseThrow();
    byte[] broken = twin.data().clone();
    broken[broken.length - 9] ^= 1; // the stream footer's CRC32
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                MarSource.pair(
                    MarIo.Index.of(replaced(a, twin.name(), broken)),
                    MarIo.Index.of(replaced(b, twin.name(), broken)),
                    UpdateTools.codec(),
                    p -> false));
    assertTrue(e.getMessage().contains(twin.name()), e.getMessage());
  }

  private static MarIo.Contents replaced(MarIo.Contents c, String name, byte[] data) {
    List<MarItem> items = new ArrayList<>();
    for (MarItem i : c.items()) {
      items.add(i.name().equals(name) ? new MarItem(name, i.mode(), data) : i);
    }
    return new MarIo.Contents(c.productInfo(), items);
  }

  @Test
  void aSourceOpenedFromTheIndexReadsEntriesFromTheFileWhenAsked(@TempDir Path dir)
      throws IOException {
    Path mar = Files.copy(B, dir.resolve("b.mar"));
    MarIo io = UpdateTools.marIo();
    MarSource held = new MarSource(io.read(B), UpdateTools.codec());
    MarSource onDemand = new MarSource(io.index(mar), UpdateTools.codec());

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
}
