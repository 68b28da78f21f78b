/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Fast mode's second pass ({@link GapSearch}, {@link GapMatches}): given a first pass that left
 * everything to the extra block, it copies the long pieces of old from old, leaves short ones
 * alone, keeps the triples a valid plan for the new file, and does not depend on the thread count.
 */
class GapSearchTest {
  /** Old spans three of the search's ranges; new's gaps are sampled more sparsely than usual. */
  private static final int OLD = 2 * GapSearch.RANGE + 100_000;

  private static final int NEW = 1_200_000;

  /** Random old; random new with pieces of old (some long, some too short) copied in. */
  private record Pair(byte[] old, byte[] neu, long longBytes) {}

  private static Pair pair(long seed) {
    Random r = new Random(seed);
    byte[] old = new byte[OLD];
    r.nextBytes(old);
    byte[] neu = new byte[NEW];
    r.nextBytes(neu);
    long longBytes = 0;
    for (int at = 100; at + 600 < NEW; at += 1000) {
      boolean isLong = r.nextBoolean();
      // Long pieces are long enough to be found at the sparser step (K + 15 · 7 − 1 = 120 here).
      int len = isLong ? 130 + r.nextInt(500) : 10 + r.nextInt(GapSearch.MIN_MATCH - 12);
      System.arraycopy(old, r.nextInt(OLD - len), neu, at, len);
      longBytes += isLong ? len : 0;
    }
    return new Pair(old, neu, longBytes);
  }

  private static ControlTriples allExtra(int n) {
    ControlTriples t = new ControlTriples();
    t.add(0, n, 0);
    return t;
  }

  private static ControlTriples refine(Pair p, ControlTriples t, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      return GapSearch.refine(p.old(), NewBytes.of(p.neu()), t, pool);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void copiesTheLongPiecesAndNotTheShortOnes() throws Exception {
    Pair p = pair(11);
    ControlTriples t = refine(p, allExtra(NEW), 2);
    long newPos = 0;
    long oldPos = 0;
    long extra = 0;
    long equal = 0;
    for (int i = 0; i < t.size(); i++) {
      int x = t.add(i);
      if (i > 0) {
        assertTrue(x >= GapSearch.MIN_MATCH, "an add of " + x + " bytes");
      }
      assertTrue(oldPos >= 0 && oldPos + x <= OLD, "add inside old");
      for (int j = 0; j < x; j++) {
        equal += p.old()[(int) oldPos + j] == p.neu()[(int) newPos + j] ? 1 : 0;
      }
      newPos += x + t.copy(i);
      extra += t.copy(i);
      oldPos += x + t.seek(i);
    }
    assertEquals(NEW, newPos, "the triples cover the new file");
    // Every long piece is copied (a random byte or two at its edges may go either way); the short
    // pieces and the random bytes stay extra.
    assertTrue(equal >= p.longBytes() - 2L * t.size(), equal + " of " + p.longBytes());
    assertTrue(extra <= NEW - p.longBytes() + 2L * t.size(), "extra " + extra);
    assertTrue(t.size() > 100, t.size() + " triples");
  }

  @Test
  void sameTriplesOnOneAndFourThreads() throws Exception {
    int step = GapMatches.step(NEW, Math.max(1 << 16, OLD / GapSearch.MEMORY_SHARE));
    assertTrue(step > GapMatches.NEW_STEP && step <= GapSearch.MAX_STEP, "step " + step);
    Pair p = pair(12);
    ControlTriples a = refine(p, allExtra(NEW), 1);
    ControlTriples b = refine(p, allExtra(NEW), 4);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.add(i), b.add(i));
      assertEquals(a.copy(i), b.copy(i));
      assertEquals(a.seek(i), b.seek(i));
    }
  }

  @Test
  void triplesWithoutGapsAreKept() throws Exception {
    Pair p = pair(13);
    ControlTriples t = new ControlTriples();
    t.add(NEW / 2, GapSearch.MIN_GAP - 1, 7);
    t.add(NEW - NEW / 2 - GapSearch.MIN_GAP + 1, 0, 0);
    ControlTriples r = refine(p, t, 2);
    assertEquals(2, r.size());
    assertEquals(7, r.seek(0));
  }
}
