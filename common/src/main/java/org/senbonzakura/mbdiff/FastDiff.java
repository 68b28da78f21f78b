/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fast mode: the {@link KgramIndex} of the old file and the {@link FastScan} over fixed-size chunks
 * of the new file, run on all cores.
 *
 * <p>Chunks are cut at fixed offsets ({@link DiffOptions#chunkSize()}), and each chunk learns the
 * alignment it starts in by a warm-up scan of the {@link #WARM_UP} bytes before it (from a fixed
 * state, emitting nothing). So every chunk's triples are a function of the input alone, whichever
 * thread runs it and whenever: the output never depends on the thread count. The chunks' triples
 * are concatenated and each chunk's last seek rewritten to land where the next chunk started.
 */
final class FastDiff implements OldIndex {
  /**
   * Old positions indexed: every {@code STEP}-th (matches of K + STEP − 1 bytes are always found).
   */
  static final int STEP = 3;

  /** Bytes before a chunk scanned (without output) to learn the alignment it starts in. */
  static final int WARM_UP = 64 << 10;

  private final KgramIndex index;
  private final OldBytes old;

  private FastDiff(KgramIndex index) {
    this.index = index;
    this.old = OldBytes.of(index.old());
  }

  /**
   * Fast mode's index of {@code old}: a full suffix array searched as exact mode does for a file of
   * at most {@link DiffOptions#fullIndexUpTo()} bytes (the one size rule, see {@link
   * DiffOptions#DEFAULT_FULL_INDEX_UP_TO}), else the sampled k-gram table. Either way the output is
   * a function of the input and the options, never of the thread count.
   */
  static OldIndex build(byte[] old, DiffOptions o) {
    return old.length <= o.fullIndexUpTo()
        ? OldIndex.exact(SuffixIndex.of(old, o.threads()))
        : new FastDiff(KgramIndex.build(old, STEP));
  }

  @Override
  public OldBytes oldBytes() {
    return old;
  }

  @Override
  public ControlTriples window(NewBytes neu, int start, int end) {
    return new FastScan(index, neu).scan(start, end, 0).triples();
  }

  @Override
  public ControlTriples plan(NewBytes neu, DiffOptions o, ScanWatch watch) throws MbDiffException {
    int newLen = neu.length();
    int chunk = o.chunkSize();
    int chunks = (int) ((newLen + (long) chunk - 1) / chunk);
    ControlTriples all = new ControlTriples();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(o.threads(), chunks)));
    try {
      List<Future<FastScan.Range>> futures = new ArrayList<>(chunks);
      for (int c = 0; c < chunks; c++) {
        int start = (int) ((long) c * chunk);
        int end = (int) Math.min((long) start + chunk, newLen);
        futures.add(
            pool.submit(
                () -> {
                  FastScan scan = new FastScan(index, neu); // one per task: it has state
                  return scan.scan(start, end, scan.warmUp(Math.max(0, start - WARM_UP), start));
                }));
      }
      int cursor = 0; // the patcher's old cursor after the triples merged so far
      for (int c = 0; c < chunks; c++) {
        FastScan.Range r = futures.get(c).get();
        futures.set(c, null); // merged: let the chunk's triples go
        if (c > 0) {
          // The previous chunk left the cursor at `cursor`; this one assumed r.oldStart().
          all.setSeek(all.size() - 1, r.oldStart() - cursor);
        }
        all.addAll(r.triples());
        cursor = r.oldAfterLastAdd();
        // The last triple's seek is rewritten when the next chunk is merged.
        if (!watch.proceed(all, c + 1 == chunks ? all.size() : all.size() - 1)) {
          return null;
        }
      }
      // The second pass: long matches in the stretches left to the extra block (GapSearch). The
      // watch (the in-scan verdict) judged the first pass's triples; this pass only turns extra
      // bytes into copies from old.
      return GapSearch.refine(index.old(), neu, all, pool);
    } catch (InterruptedException | ExecutionException e) {
      throw MbDiffException.ofChunkWait(e);
    } finally {
      pool.shutdownNow();
    }
  }
}
