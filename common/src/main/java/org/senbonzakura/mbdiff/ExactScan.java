/* This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of
 * the MPL was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Exact mode's plan: the control triples mbsdiff's greedy scan would emit for {@code neu}. One
 * entry point, so that how the exact scan is run (serially, or in parallel chunks stitched where
 * they meet the serial scan's state) is decided here and nowhere else.
 *
 * <p>The parallel scan: the new file is cut into chunks; chunk 0 is scanned from mbsdiff's start,
 * every later chunk speculatively from a made-up state at its first byte, all on a pool, each run
 * going on a little past its chunk's end (the overrun) and recording its state at fixed marks
 * ({@link ExactScanMarks}). Then, in chunk order, the true run so far (which is the serial scan's
 * run, by induction) is compared with the next chunk's mark by mark; at the first mark where both
 * hold the same state ({@link ExactScanState}) the two runs are the same from there on, so the true
 * triples are the true run's up to that mark and the chunk's after it. Where they do not meet
 * within the overrun, the serial scan goes on from the true run's last state, still comparing at
 * every mark, and takes over the chunk's rest where it meets it, or replaces the chunk entirely.
 * Every triple in the result was thus emitted from a state the serial scan reaches, so the output
 * is the serial scan's, whatever the chunk layout or thread count.
 */
final class ExactScan {
  private ExactScan() {}

  /** Smallest chunk worth a speculative start (whose first triples are thrown away). */
  static final int MIN_CHUNK = 1 << 20;

  /** Chunks per thread: several, so that uneven chunks still keep every thread busy. */
  private static final int CHUNKS_PER_THREAD = 8;

  /** How a parallel exact scan cuts the new file; the output never depends on it. */
  record Layout(int chunk, int overrun, int markStep) {
    Layout {
      if (chunk < 1 || overrun < 0 || markStep < 1) {
        throw new IllegalArgumentException(
            "bad layout: chunk " + chunk + ", overrun " + overrun + ", mark step " + markStep);
      }
    }

    /** The production layout for {@code newLen} bytes on {@code threads} threads. */
    static Layout of(int newLen, int threads) {
      long perChunk =
          ((long) newLen + (long) threads * CHUNKS_PER_THREAD - 1)
              / ((long) threads * CHUNKS_PER_THREAD);
      return new Layout((int) Math.max(MIN_CHUNK, perChunk), 64 << 10, 4 << 10);
    }
  }

  /**
   * How the chunks were joined: {@code metInOverrun} chunks met the true run within the previous
   * chunk's overrun, {@code metLater} only after the serial scan went on past it, {@code neverMet}
   * were rescanned serially to their end; {@code serialBytes} is how much the serial scan
   * rescanned.
   */
  record Stats(int chunks, int metInOverrun, int metLater, int neverMet, long serialBytes) {}

  /** Triples and how they were stitched. */
  record Result(ControlTriples triples, Stats stats) {}

  /** The exact scan's triples for the whole of {@code neu}. */
  static ControlTriples plan(MatchFinder index, NewBytes neu, DiffOptions opts)
      throws MbDiffException {
    return plan(index, neu, opts, ScanWatch.NONE);
  }

  /**
   * As {@link #plan(MatchFinder, NewBytes, DiffOptions)}, showing {@code watch} the triples as the
   * join settles them; null when it stopped the scan.
   */
  static ControlTriples plan(MatchFinder index, NewBytes neu, DiffOptions opts, ScanWatch watch)
      throws MbDiffException {
    int n = neu.length();
    if (opts.threads() <= 1 || n < 2 * MIN_CHUNK) {
      ControlTriples t = serial(index, neu);
      return watch.proceed(t, t.size()) ? t : null;
    }
    Result r = parallel(index, neu, opts.threads(), Layout.of(n, opts.threads()), watch);
    opts.log().accept("exact scan: " + r.stats());
    return r.triples();
  }

  /** mbsdiff's scan, in one run. */
  static ControlTriples serial(MatchFinder index, NewBytes neu) {
    return new GreedyScan(index, neu).scan(0, neu.length(), 0).triples;
  }

  /** One run of the scan and the states it recorded. */
  private record Run(GreedyScan.Stop stop, ExactScanMarks marks) {}

  /** The exact scan in chunks on {@code threads} threads; equal to {@link #serial}. */
  static Result parallel(MatchFinder index, NewBytes neu, int threads, Layout layout)
      throws MbDiffException {
    return parallel(index, neu, threads, layout, ScanWatch.NONE);
  }

  /**
   * As {@link #parallel(MatchFinder, NewBytes, int, Layout)}, showing {@code watch} the triples as
   * they are joined; a result with null triples when it stopped the scan (the chunks still running
   * are interrupted and give up at their next mark).
   */
  static Result parallel(
      MatchFinder index, NewBytes neu, int threads, Layout layout, ScanWatch watch)
      throws MbDiffException {
    int n = neu.length();
    int oldLen = index.oldBytes().length();
    GreedyScan scan = new GreedyScan(index, neu);
    int chunks = (int) Math.max(1, ((long) n + layout.chunk() - 1) / layout.chunk());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, chunks)));
    try {
      List<Future<Run>> runs = new ArrayList<>(chunks);
      for (int k = 0; k < chunks; k++) {
        int start = (int) ((long) k * layout.chunk());
        // Chunk 0 is the serial scan's own start; the others' starting state is a guess.
        ExactScanState from = ExactScanState.start(start, k == 0 ? 0 : Math.min(start, oldLen));
        int stop = stopOf(k, chunks, n, layout);
        runs.add(
            pool.submit(
                () -> {
                  ExactScanMarks marks = new ExactScanMarks(layout.markStep(), start);
                  return new Run(scan.run(from, stop, n, marks, null), marks);
                }));
      }
      Result r = stitch(scan, runs, n, layout, watch);
      if (r.triples() == null) {
        for (Future<Run> f : runs) {
          if (f != null) {
            f.cancel(true);
          }
        }
      }
      return r;
    } catch (InterruptedException | ExecutionException e) {
      throw MbDiffException.ofChunkWait(e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Where chunk {@code k}'s run stops: its end plus the overrun ({@code n}: the file's end). */
  private static int stopOf(int k, int chunks, int n, Layout layout) {
    if (k + 1 >= chunks) {
      return n;
    }
    return (int) Math.min((long) (k + 1) * layout.chunk() + layout.overrun(), n);
  }

  private static Result stitch(
      GreedyScan scan, List<Future<Run>> runs, int n, Layout layout, ScanWatch watch)
      throws InterruptedException, ExecutionException, MbDiffException {
    int chunks = runs.size();
    ControlTriples out = new ControlTriples();
    int metInOverrun = 0;
    int metLater = 0;
    int neverMet = 0;
    long serialBytes = 0;
    Run cur = runs.get(0).get(); // true from its start
    runs.set(0, null);
    int curFrom = 0; // cur's triples before this one are in out already
    long curFromMark = 0; // cur may be joined to the next chunk at this mark or later
    for (int k = 1; k < chunks && cur != null; k++) {
      if (!watch.proceed(out, out.size())) {
        return new Result(null, new Stats(chunks, metInOverrun, metLater, neverMet, serialBytes));
      }
      Run spec = runs.get(k).get();
      runs.set(k, null); // taken: let its triples go once merged
      long meet = firstMeeting(cur.marks(), spec.marks(), curFromMark);
      if (meet >= 0) {
        append(out, cur.stop().triples, curFrom, cur.marks().triplesAt(meet));
        cur = spec;
        curFrom = spec.marks().triplesAt(meet);
        curFromMark = meet;
        metInOverrun++;
        continue;
      }
      append(out, cur.stop().triples, curFrom, cur.stop().triples.size());
      ExactScanState last = cur.stop().state;
      if (last == null) {
        neverMet += chunks - k; // the true run reached the end of the file: nothing to join
        cur = null;
        break;
      }
      // Not met yet: the serial scan goes on from the true run's last state.
      ExactScanMarks marks = new ExactScanMarks(layout.markStep(), last.scan());
      GreedyScan.Stop f = scan.run(last, stopOf(k, chunks, n, layout), n, marks, spec.marks());
      append(out, f.triples, 0, f.triples.size());
      if (f.metMark >= 0) {
        serialBytes += f.state.scan() - last.scan();
        cur = spec;
        curFrom = spec.marks().triplesAt(f.metMark);
        curFromMark = f.metMark;
        metLater++;
      } else {
        serialBytes += (f.state == null ? n : f.state.scan()) - last.scan();
        cur = new Run(f, marks);
        curFrom = f.triples.size();
        curFromMark = marks.endIndex(); // all of it is in out: go on from its last state
        neverMet++;
      }
    }
    if (cur != null) {
      append(out, cur.stop().triples, curFrom, cur.stop().triples.size());
    }
    if (!watch.proceed(out, out.size())) {
      out = null;
    }
    return new Result(out, new Stats(chunks, metInOverrun, metLater, neverMet, serialBytes));
  }

  /** The first mark from {@code fromMark} at which both runs recorded the same state, or -1. */
  private static long firstMeeting(ExactScanMarks a, ExactScanMarks b, long fromMark) {
    long from = Math.max(fromMark, Math.max(a.firstIndex(), b.firstIndex()));
    long to = Math.min(a.endIndex(), b.endIndex());
    for (long j = from; j < to; j++) {
      if (a.sameAt(j, b)) {
        return j;
      }
    }
    return -1;
  }

  private static void append(ControlTriples out, ControlTriples from, int start, int end) {
    for (int i = start; i < end; i++) {
      out.add(from.add(i), from.copy(i), from.seek(i));
    }
  }
}
