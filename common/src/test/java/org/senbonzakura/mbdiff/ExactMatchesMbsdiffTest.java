/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Exact mode against Mozilla's own {@code mbsdiff} ({@code ../shared/oracle/bin/mbsdiff}) on
 * generated pairs: random, edited, shifted blocks and ELF-like code with moved functions, at 1, 2
 * and 8 threads. The pairs are big enough (2 MiB and more for some) that the production layout cuts
 * them into parallel chunks, so the stitched scan is what is compared.
 */
class ExactMatchesMbsdiffTest {
  static Path mbsdiff() {
    Path p = Path.of(System.getProperty("sbz.shared"), "oracle", "bin", "mbsdiff");
    assertTrue(Files.isExecutable(p), "Mozilla's mbsdiff is missing: " + p);
    return p;
  }

  /** Mozilla's patch for the pair, from its own binary. */
  static byte[] mozilla(byte[] old, byte[] neu) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("sbz-mbsdiff");
    try {
      Path o = Files.write(dir.resolve("old"), old);
      Path n = Files.write(dir.resolve("new"), neu);
      Path patch = dir.resolve("patch");
      Process proc =
          new ProcessBuilder(mbsdiff().toString(), o.toString(), n.toString(), patch.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("log").toFile())
              .start();
      assertEquals(0, proc.waitFor(), () -> "mbsdiff failed: " + read(dir.resolve("log")));
      return Files.readAllBytes(patch);
    } finally {
      try (var s = Files.list(dir)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Provide
  Arbitrary<ExactPairs.Pair> pairs() {
    Arbitrary<Long> seeds = Arbitraries.longs();
    return Arbitraries.oneOf(
        seeds.map(s -> ExactPairs.unrelated(s, 1000 + (int) Math.floorMod(s, 30_000L))),
        seeds.map(
            s ->
                ExactPairs.edited(
                    s, 1000 + (int) Math.floorMod(s, 3_000_000L), 1 + (int) Math.floorMod(s, 60L))),
        seeds.map(s -> ExactPairs.shiftedBlocks(s, 2000 + (int) Math.floorMod(s, 2_500_000L))),
        seeds.map(s -> ExactPairs.elfLike(s, 5 + (int) Math.floorMod(s, 9000L))));
  }

  @Property(tries = 12)
  void exactModeIsMozillasPatch(
      @ForAll("pairs") ExactPairs.Pair p, @ForAll @IntRange(min = 0, max = 2) int t)
      throws Exception {
    int threads = new int[] {1, 2, 8}[t];
    byte[] ours = MbDiff.diff(p.old(), p.neu(), DiffOptions.exact().withThreads(threads));
    assertArrayEquals(mozilla(p.old(), p.neu()), ours, p + " at " + threads + " threads");
  }
}
