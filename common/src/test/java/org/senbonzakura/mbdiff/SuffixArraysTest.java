/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SuffixArraysTest {
  static int[] naive(byte[] t) {
    Integer[] o = new Integer[t.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = i;
    }
    Arrays.sort(o, (a, b) -> Arrays.compareUnsigned(t, a, t.length, t, b, t.length));
    return Arrays.stream(o).mapToInt(Integer::intValue).toArray();
  }

  @Property(tries = 300)
  void matchesNaiveSortOnSmallAlphabets(
      @ForAll @IntRange(min = 0, max = 400) int n,
      @ForAll @IntRange(min = 1, max = 256) int alphabet,
      @ForAll long seed) {
    Random r = new Random(seed);
    byte[] t = new byte[n];
    for (int i = 0; i < n; i++) {
      t[i] = (byte) (r.nextInt(alphabet) - 128);
    }
    int[] want = naive(t);
    assertArrayEquals(want, SuffixArrays.build(t));
    // Pointer-only buckets with recounting at every level, in the array or allocated.
    assertArrayEquals(want, SuffixArrays.build(t, 0, n, true));
  }

  @Test
  void repetitiveInputsRecurseDeeply() {
    byte[][] cases = {
      new byte[1000],
      "abababababababababababababababab".getBytes(),
      "mississippimississippimississippi".getBytes(),
      fibonacciWord(3000),
    };
    for (byte[] t : cases) {
      assertArrayEquals(naive(t), SuffixArrays.build(t));
      assertArrayEquals(naive(t), SuffixArrays.build(t, 0, t.length, true));
    }
  }

  /**
   * The input kinds where induced sorting has its corner cases: long runs of one byte (types of a
   * run decided at its end), short periods (deep recursion, many equal LMS substrings), two-letter
   * alphabets, edited copies (long repeats) and the extreme bytes 0x00 and 0xFF.
   */
  @Property(tries = 400)
  void matchesNaiveSortOnStructuredInputs(
      @ForAll @IntRange(min = 0, max = 6) int kind,
      @ForAll @IntRange(min = 0, max = 1500) int n,
      @ForAll long seed) {
    byte[] t = structured(kind, n, seed);
    int[] want = naive(t);
    assertArrayEquals(want, SuffixArrays.build(t));
    assertArrayEquals(want, SuffixArrays.build(t, 0, n, true));
  }

  /**
   * The parallel sort at 1, 2 and 8 threads, with blocks of a few entries so that every pass
   * crosses many block boundaries, and entries land in the block being read ahead (runs and periods
   * put a suffix's predecessor right next to it). The array must not depend on the thread count or
   * the block size.
   */
  @Property(tries = 300)
  void parallelSortMatchesNaiveSortAtAnyThreadCountAndBlockSize(
      @ForAll @IntRange(min = 0, max = 6) int kind,
      @ForAll @IntRange(min = 0, max = 1500) int n,
      @ForAll @IntRange(min = 1, max = 64) int block,
      @ForAll long seed) {
    byte[] t = structured(kind, n, seed);
    int[] want = naive(t);
    for (int threads : new int[] {1, 2, 8}) {
      for (boolean lean : new boolean[] {false, true}) {
        assertArrayEquals(
            want,
            SuffixArrays.buildParallel(t, threads, block, lean),
            threads + " threads, block " + block + (lean ? ", recounting" : ""));
      }
    }
  }

  /** The public entry at its real block size, on an input big enough to take the parallel path. */
  @Test
  void parallelSortOfAnEditedCopyEqualsTheSerialOne() {
    byte[] t = editedCopy(SuffixArrays.PARALLEL_MIN + 12345, 5);
    int[] serial = SuffixArrays.build(t);
    for (int threads : new int[] {2, 8}) {
      assertArrayEquals(serial, SuffixArrays.build(t, threads), threads + " threads");
    }
  }

  /** Inputs of the given kind (0-6), see {@link #matchesNaiveSortOnStructuredInputs}. */
  static byte[] structured(int kind, int n, long seed) {
    Random r = new Random(seed);
    byte[] t = new byte[n];
    switch (kind) {
      case 0 -> Arrays.fill(t, (byte) r.nextInt(256));
      case 1 -> {
        byte[] period = new byte[1 + r.nextInt(7)];
        r.nextBytes(period);
        for (int i = 0; i < n; i++) {
          t[i] = period[i % period.length];
        }
        if (n > 0 && r.nextBoolean()) {
          t[r.nextInt(n)] ^= 1;
        }
      }
      case 2 -> {
        for (int i = 0; i < n; i++) {
          t[i] = (byte) (r.nextBoolean() ? 0 : 0xFF);
        }
      }
      case 3 -> {
        // Runs of random length: the LMS test reads each run from its start.
        int i = 0;
        while (i < n) {
          byte c = (byte) r.nextInt(4);
          int run = 1 + r.nextInt(40);
          for (int e = Math.min(n, i + run); i < e; i++) {
            t[i] = c;
          }
        }
      }
      case 4 -> {
        // An edited copy of a random block, as an old and a new build are.
        int half = n / 2;
        for (int i = 0; i < half; i++) {
          t[i] = (byte) r.nextInt(16);
        }
        for (int i = half; i < n; i++) {
          t[i] = r.nextInt(50) == 0 ? (byte) r.nextInt(16) : t[i - half];
        }
      }
      case 5 -> r.nextBytes(t);
      default -> {
        for (int i = 0; i < n; i++) {
          t[i] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : 0);
        }
      }
    }
    return t;
  }

  @Test
  void sortsASliceIntoASliceLeavingTheRestAlone() {
    Random r = new Random(7);
    byte[] data = new byte[5000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (r.nextInt(5) == 0 ? r.nextInt(3) : 0);
    }
    int[] sa = new int[4000];
    Arrays.fill(sa, -7);
    SuffixArrays.buildInto(data, 1000, 3000, sa, 500);
    assertArrayEquals(
        naive(Arrays.copyOfRange(data, 1000, 4000)), Arrays.copyOfRange(sa, 500, 3500));
    for (int i = 0; i < sa.length; i++) {
      if (i < 500 || i >= 3500) {
        org.junit.jupiter.api.Assertions.assertEquals(
            -7, sa[i], "slot " + i + " outside the slice");
      }
    }
  }

  /**
   * The sort's working memory beyond its {@code int[n]} result is a few KiB (no type bits), which
   * is what keeps exact mode's heap at the old file plus its suffix array. Counted with the JVM's
   * per-thread allocation counter, so the figure is exact, not a timing; the type bits of an
   * earlier version alone were n/8 bytes (128 KiB here).
   */
  @Test
  void allocatesOnlyTheResultBeyondAFewKib() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        mx instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
    int n = 1 << 20;
    Random r = new Random(11);
    byte[] t = new byte[n];
    // An edited copy: deep recursion with repeated names, as in real builds.
    for (int i = 0; i < n / 2; i++) {
      t[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(3));
    }
    for (int i = n / 2; i < n; i++) {
      t[i] = r.nextInt(100) == 0 ? (byte) r.nextInt(256) : t[i - n / 2];
    }
    SuffixArrays.build(Arrays.copyOf(t, 4096)); // warm up class loading outside the count
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    int[] sa = SuffixArrays.build(t);
    long extra = threads.getThreadAllocatedBytes(id) - before - (16L + 4L * n);
    org.junit.jupiter.api.Assertions.assertTrue(
        extra <= 16 * 1024, "sort allocated " + extra + " bytes beyond its int[" + n + "]");
    org.junit.jupiter.api.Assertions.assertEquals(n, sa.length);
  }

  /**
   * The parallel sort adds its read-ahead buffers (16 bytes per block entry: 1 MiB) and the futures
   * that hand blocks to the helpers (a few hundred bytes per block, garbage at once), all allocated
   * by the calling thread; the helpers allocate nothing. Still far below the type bits the sort
   * once kept (n/8 + n/16 bytes, 35 MB on libxul), and bounded by the block size, not n.
   */
  @Test
  void parallelSortAllocatesItsBlockBuffersBeyondTheResult() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        mx instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
    byte[] t = editedCopy(1 << 21, 11);
    SuffixArrays.buildParallel(Arrays.copyOf(t, 4096), 2, 64, false); // warm up outside the count
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    int[] sa = SuffixArrays.build(t, 2);
    long extra = threads.getThreadAllocatedBytes(id) - before - (16L + 4L * t.length);
    long buffers = 16L * SuffixArrays.BLOCK;
    org.junit.jupiter.api.Assertions.assertTrue(
        extra <= buffers + 512 * 1024,
        "sort allocated " + extra + " bytes beyond its int[" + t.length + "]");
    org.junit.jupiter.api.Assertions.assertEquals(t.length, sa.length);
  }

  /** Half random small bytes, then a copy of it with 1 % of the bytes changed. */
  private static byte[] editedCopy(int n, long seed) {
    Random r = new Random(seed);
    byte[] t = new byte[n];
    for (int i = 0; i < n / 2; i++) {
      t[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(3));
    }
    for (int i = n / 2; i < n; i++) {
      t[i] = r.nextInt(100) == 0 ? (byte) r.nextInt(256) : t[i - n / 2];
    }
    return t;
  }

  private static byte[] fibonacciWord(int n) {
    StringBuilder a = new StringBuilder("b");
    StringBuilder b = new StringBuilder("a");
    while (b.length() < n) {
      StringBuilder c = new StringBuilder(b).append(a);
      a = b;
      b = c;
    }
    return b.substring(0, n).getBytes();
  }

  /**
   * Closing the sort's pool waits for a read-ahead still running (one that ignores the interrupt,
   * as the induction loops do), so nothing writes the pool's buffers after the sort has returned.
   */
  @Test
  void closingThePoolWaitsForItsWork() {
    AtomicBoolean finished = new AtomicBoolean();
    SortPool pool = new SortPool(2, 16);
    pool.ahead(
        0,
        1,
        (part, from, to) -> {
          long end = System.nanoTime() + 300_000_000L;
          while (System.nanoTime() < end) {
            Thread.onSpinWait();
          }
          finished.set(true);
        });
    pool.close();
    assertTrue(finished.get(), "close returned while a read-ahead still ran");
  }
}
