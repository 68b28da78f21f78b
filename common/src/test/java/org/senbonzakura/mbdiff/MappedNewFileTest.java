/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.senbonzakura.mbdiff.MappedFiles.mapNew;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path API maps the new file instead of reading it (to keep it off the heap); these check that
 * the mapping changes nothing in the output and that oversized files are refused with a message.
 */
class MappedNewFileTest {
  @Provide
  Arbitrary<MbDiffPropertiesTest.Pair> pairs() {
    return new MbDiffPropertiesTest().pairs();
  }

  @Provide
  Arbitrary<byte[]> data() {
    // Few symbols, so that random ranges often match for many bytes; up to 1000 bytes, so that
    // comparisons also run past the mapped file's 256-byte byte loop into the vectorised one.
    return Arbitraries.bytes().between((byte) 0, (byte) 2).array(byte[].class).ofMaxSize(1000);
  }

  @Property(tries = 150)
  void pathApiGivesTheByteArrayPatch(
      @ForAll("pairs") MbDiffPropertiesTest.Pair p, @ForAll boolean f) throws Exception {
    DiffOptions o = f ? DiffOptions.fast().withChunkSize(1500).withThreads(2) : DiffOptions.exact();
    byte[] expected = MbDiff.diff(p.old(), p.neu(), o);
    if (!f) {
      assertArrayEquals(ReferenceMbsdiff.diff(p.old(), p.neu()), expected);
    }
    try (MappedFiles files = new MappedFiles()) {
      Path old = files.write("old", p.old());
      Path neu = files.write("new", p.neu());
      Path mapped = files.path("mapped.patch");
      MbDiff.diff(old, neu, mapped, o, 0);
      assertArrayEquals(expected, Files.readAllBytes(mapped));
      Path read = files.path("read.patch");
      MbDiff.diff(old, neu, read, o, Long.MAX_VALUE);
      assertArrayEquals(expected, Files.readAllBytes(read));
    }
  }

  @Property(tries = 200)
  void mappedBytesReadLikeTheArray(@ForAll("data") byte[] data, @ForAll long seed)
      throws Exception {
    try (MappedFiles files = new MappedFiles()) {
      Path file = files.write("data", data);
      NewBytes mapped = mapNew(file);
      NewBytes array = NewBytes.of(data);
      int n = data.length;
      assertEquals(n, mapped.length());
      Random r = new Random(seed);
      for (int probe = 0; probe < 100; probe++) {
        int from = r.nextInt(n + 1);
        int len = r.nextInt(n - from + 1);
        // Compare against another range of the same bytes, or an exact copy with one byte flipped.
        byte[] other = new byte[len + 3];
        int off = r.nextInt(4);
        int src = r.nextInt(n - len + 1);
        System.arraycopy(data, r.nextBoolean() ? from : src, other, off, len);
        if (len > 0 && r.nextBoolean()) {
          other[off + r.nextInt(len)] ^= 1;
        }
        int want = java.util.Arrays.mismatch(data, from, from + len, other, off, off + len);
        assertEquals(want, mapped.mismatch(from, other, off, len));
        assertEquals(want, array.mismatch(from, other, off, len));
        int keyLen = Math.min(8, n - from);
        assertEquals(array.key8(from, keyLen), mapped.key8(from, keyLen));
        if (from < n) {
          assertEquals(data[from], mapped.get(from));
        }
        byte[] a = new byte[len];
        byte[] b = new byte[len];
        array.copy(from, a, 0, len);
        mapped.copy(from, b, 0, len);
        assertArrayEquals(a, b);
        ByteArrayOutputStream wa = new ByteArrayOutputStream();
        ByteArrayOutputStream wb = new ByteArrayOutputStream();
        array.write(wa, from, len);
        mapped.write(wb, from, len);
        assertArrayEquals(wa.toByteArray(), wb.toByteArray());
      }
    }
  }

  @Test
  void earlyVerdictIsTheSameOnAMappedFile(@TempDir Path dir) throws Exception {
    byte[] old = new byte[300_000];
    new Random(7).nextBytes(old);
    byte[] neu = old.clone();
    Random r = new Random(8);
    for (int i = 0; i < 300; i++) {
      neu[r.nextInt(neu.length)] = (byte) r.nextInt(256);
    }
    EarlyVerdict.Sampling small = new EarlyVerdict.Sampling(8, 4 << 10, 16 << 10);
    SuffixIndex index = SuffixIndex.of(old);
    Path file = Files.write(dir.resolve("new"), neu);
    NewBytes mapped = mapNew(file);
    EarlyVerdict.FullFilters f = EarlyVerdict.FullFilters.LZMA2;
    long full = EarlyVerdict.xz(neu, 0, neu.length, false);
    EarlyVerdict.Result a = EarlyVerdict.sampled(index, NewBytes.of(neu), full, f, 2, small);
    EarlyVerdict.Result b = EarlyVerdict.sampled(index, mapped, full, f, 2, small);
    assertEquals(a.toString(), b.toString());
    assertEquals(a.estimatedPatchXz, b.estimatedPatchXz);
  }

  @Test
  void newFileOverTheFormatLimitIsRefused(@TempDir Path dir) throws Exception {
    Path old = Files.write(dir.resolve("old"), new byte[] {1, 2, 3});
    Path neu = sparse(dir.resolve("new"), MbDiff.MAX_MAPPED + 1);
    Path patch = dir.resolve("patch");
    MbDiffException e =
        assertThrows(
            MbDiffException.class, () -> MbDiff.diff(old, neu, patch, DiffOptions.exact()));
    assertTrue(e.getMessage().contains(neu + " file is 2147483648 bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("at most 2147483647"), e.getMessage());
    assertFalse(Files.exists(patch));
  }

  @Test
  void oldFileOverTheArrayLimitIsRefused(@TempDir Path dir) throws Exception {
    Path old = sparse(dir.resolve("old"), MbDiff.MAX_FILE + 1);
    Path neu = Files.write(dir.resolve("new"), new byte[] {1, 2, 3});
    MbDiffException e =
        assertThrows(
            MbDiffException.class,
            () -> MbDiff.diff(old, neu, dir.resolve("patch"), DiffOptions.fast()));
    assertTrue(e.getMessage().contains("at most " + MbDiff.MAX_FILE), e.getMessage());
  }

  /** A file of {@code size} zero bytes that takes no disk space. */
  private static Path sparse(Path p, long size) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(size);
    }
    return p;
  }

  @Test
  void triplesSpanningBlocksKeepTheirValues() {
    ControlTriples t = new ControlTriples();
    int n = 3 * 4096 + 5;
    for (int i = 0; i < n; i++) {
      t.add(i, -i, 2 * i);
    }
    t.setSeek(4096, 7);
    ControlTriples all = new ControlTriples();
    all.add(1, 1, 1);
    all.addAll(t);
    assertEquals(n + 1, all.size());
    for (int i = 0; i < n; i++) {
      assertEquals(i, all.add(i + 1));
      assertEquals(-i, all.copy(i + 1));
      assertEquals(i == 4096 ? 7 : 2 * i, all.seek(i + 1));
    }
  }
}
