/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EarlyVerdictTest {
  /** Small sampling so that files of a few hundred KiB are sampled, not diffed outright. */
  private static final EarlyVerdict.Sampling SMALL =
      new EarlyVerdict.Sampling(8, 4 << 10, 16 << 10);

  private static final EarlyVerdict.FullFilters LZMA2 = EarlyVerdict.FullFilters.LZMA2;

  private static byte[] lowEntropy(int n, long seed) {
    // Compressible but not trivial: words from a small vocabulary, like code or text.
    Random r = new Random(seed);
    int[] vocabulary = new int[4096];
    for (int i = 0; i < vocabulary.length; i++) {
      vocabulary[i] = r.nextInt();
    }
    byte[] b = new byte[n];
    for (int i = 0; i < n; ) {
      int word = vocabulary[r.nextInt(vocabulary.length)];
      for (int k = 0; k < 4 && i < n; k++) {
        b[i++] = (byte) (word >>> (8 * k));
      }
    }
    return b;
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static long xz(byte[] b) throws MbDiffException {
    return EarlyVerdict.xz(b, 0, b.length, false);
  }

  /** diffUnlessFullWins with the small sampling, into memory. */
  private static byte[] diffUnless(byte[] old, byte[] neu, long full, DiffOptions opts)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MbDiffHeader h = MbDiff.diffUnlessFullWins(old, neu, full, LZMA2, out, opts, SMALL);
    return h == null ? null : out.toByteArray();
  }

  @Test
  void smallEditPatchWins() throws Exception {
    byte[] old = lowEntropy(400_000, 1);
    byte[] neu = old.clone();
    Random r = new Random(2);
    for (int i = 0; i < 200; i++) {
      neu[r.nextInt(neu.length)] ^= 1;
    }
    EarlyVerdict.Result v =
        EarlyVerdict.sampled(SuffixIndex.of(old), NewBytes.of(neu), xz(neu), LZMA2, 2, SMALL);
    assertEquals(EarlyVerdict.Outcome.PATCH_WINS, v.outcome, v.toString());
    assertTrue(v.ratio < 0.5, v.toString());
    byte[] patch = diffUnless(old, neu, xz(neu), DiffOptions.exact());
    assertArrayEquals(MbDiff.diff(old, neu, DiffOptions.exact()), patch);
  }

  @Test
  void unrelatedRandomFilesFullWinsEarly() throws Exception {
    byte[] old = random(400_000, 3);
    byte[] neu = random(400_000, 4);
    long full = xz(neu);
    EarlyVerdict.Result v =
        EarlyVerdict.sampled(SuffixIndex.of(old), NewBytes.of(neu), full, LZMA2, 2, SMALL);
    assertEquals(EarlyVerdict.Outcome.FULL_WINS, v.outcome, v.toString());
    assertNull(diffUnless(old, neu, full, DiffOptions.exact()));
    assertNull(diffUnless(old, neu, full, DiffOptions.fast()));
    // The verdict is right: the real patch is bigger.
    assertTrue(xz(MbDiff.diff(old, neu, DiffOptions.exact())) > full);
  }

  @Test
  void unrelatedCompressibleFilesFullWinsEarly() throws Exception {
    byte[] old = lowEntropy(400_000, 5);
    byte[] neu = lowEntropy(400_000, 6);
    long full = xz(neu);
    assertNull(diffUnless(old, neu, full, DiffOptions.exact()));
    assertTrue(xz(MbDiff.diff(old, neu, DiffOptions.exact())) > full);
  }

  /**
   * Issue #19: the production sampling ({@link EarlyVerdict#DEFAULT}), not a test setting, on a
   * file big enough to be sampled where the patch clearly wins: the verdict must say so, in both
   * modes (each samples with its own scan), and must have scanned the share its description claims.
   */
  @Test
  void productionSettingSaysPatchWinsOnAnEditedCopy() throws Exception {
    int n = EarlyVerdict.MIN_SAMPLED + (1 << 20);
    byte[] old = lowEntropy(n, 31);
    byte[] neu = old.clone();
    Random r = new Random(32);
    for (int i = 0; i < 3000; i++) {
      neu[r.nextInt(neu.length)] ^= 1;
    }
    long full = xz(neu);
    for (DiffOptions opts : new DiffOptions[] {DiffOptions.fast(), DiffOptions.exact()}) {
      EarlyVerdict.Result v = MbDiff.verdict(old, neu, full, LZMA2, opts);
      assertEquals(EarlyVerdict.Outcome.PATCH_WINS, v.outcome, opts.mode() + ": " + v);
      EarlyVerdict.Sampling d = EarlyVerdict.DEFAULT;
      double expected = (double) d.samples * d.window(n) / n;
      assertEquals(expected, v.sampledFraction, 1e-9, v.toString());
    }
  }

  /** Issue #19: the sampling's description is computed from its numbers, not written by hand. */
  @Test
  void samplingDescriptionFollowsTheConstants() {
    EarlyVerdict.Sampling s = new EarlyVerdict.Sampling(16, 256 << 10, 1 << 20);
    assertEquals(
        "16 windows, "
            + (100 / EarlyVerdict.Sampling.PER_WINDOW)
            + " % of the new file (256 to 1024 KiB each; files under 16 MiB are diffed outright)",
        s.describe());
    EarlyVerdict.Sampling other = new EarlyVerdict.Sampling(8, 4 << 10, 16 << 10);
    assertTrue(other.describe().startsWith("8 windows, "), other.describe());
    assertTrue(other.describe().contains("(4 to 16 KiB each"), other.describe());
    assertEquals(EarlyVerdict.DEFAULT.describe(), EarlyVerdict.samplingDescription());
    assertEquals(EarlyVerdict.DEFAULT.minSampled(), EarlyVerdict.MIN_SAMPLED);
  }

  @Test
  void smallFilesAreAlwaysDiffed() throws Exception {
    byte[] old = random(50_000, 7);
    byte[] neu = random(50_000, 8);
    byte[] patch = diffUnless(old, neu, 1, DiffOptions.exact());
    assertNotNull(patch);
    assertArrayEquals(neu, MbPatch.apply(old, patch));
  }

  @Test
  void unknownSizeNeverSkips() throws Exception {
    byte[] old = random(400_000, 9);
    byte[] neu = random(400_000, 10);
    assertNotNull(diffUnless(old, neu, -1, DiffOptions.exact()));
  }

  /**
   * Property: over random edit mixes, from a few byte flips to most of the file replaced in blocks,
   * with insertions and deletions, the differ never gives up on a patch that would have won.
   */
  @Test
  void neverSkipsAPatchThatWins() throws Exception {
    int cases = Integer.getInteger("sbz.verdict.cases", 12);
    Random r = new Random(11);
    int wins = 0;
    int skipped = 0;
    for (int c = 0; c < cases; c++) {
      int n = 150_000 + r.nextInt(150_000);
      byte[] old = r.nextBoolean() ? lowEntropy(n, r.nextLong()) : mixed(n, r);
      byte[] neu = edit(old, r);
      long full = xz(neu);
      DiffOptions opts = r.nextBoolean() ? DiffOptions.exact() : DiffOptions.fast();
      byte[] real = MbDiff.diff(old, neu, opts);
      byte[] got = diffUnless(old, neu, full, opts);
      if (xz(real) < full) {
        wins++;
        assertNotNull(got, "case " + c + ": skipped a patch that wins");
      }
      if (got == null) {
        skipped++;
      } else {
        assertArrayEquals(real, got, "case " + c);
      }
    }
    assertTrue(wins > 0 && skipped > 0, "cases cover both sides: " + wins + " / " + skipped);
  }

  /** Half compressible, half random: like a binary with code and compressed resources. */
  private static byte[] mixed(int n, Random r) {
    byte[] b = lowEntropy(n, r.nextLong());
    byte[] noise = random(n / 2, r.nextLong());
    System.arraycopy(noise, 0, b, n / 4, noise.length);
    return b;
  }

  private static byte[] edit(byte[] old, Random r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // Fraction of the file rewritten (unrelated content), from none to all of it.
    double rewrite = new double[] {0, 0.01, 0.2, 0.6, 0.9, 0.97, 1.0}[r.nextInt(7)];
    int flips = r.nextInt(3) == 0 ? r.nextInt(2000) : r.nextInt(20);
    int pos = 0;
    byte[] fresh =
        r.nextBoolean() ? lowEntropy(old.length, r.nextLong()) : random(old.length, r.nextLong());
    while (pos < old.length) {
      int block = 1 + r.nextInt(20_000);
      int end = Math.min(old.length, pos + block);
      if (r.nextDouble() < rewrite) {
        out.write(fresh, pos, end - pos);
      } else if (r.nextInt(20) == 0) {
        out.write(old, pos, (end - pos) / 2); // deletion
      } else {
        out.write(old, pos, end - pos);
        if (r.nextInt(20) == 0) {
          out.writeBytes(random(r.nextInt(500), r.nextLong())); // insertion
        }
      }
      pos = end;
    }
    byte[] neu = out.toByteArray();
    for (int i = 0; i < flips && neu.length > 0; i++) {
      neu[r.nextInt(neu.length)] = (byte) r.nextInt(256);
    }
    return neu;
  }
}
