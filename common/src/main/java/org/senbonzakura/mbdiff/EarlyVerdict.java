/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tukaani.xz.FilterOptions;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.X86Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Says, after the suffix sort but before the scan, whether an MBDIFF10 patch can beat the
 * xz-compressed full file. Mozilla spends minutes diffing a big-jump libxul only to ship the full
 * file; with this verdict the differ stops after the sort and a few percent of the scan.
 *
 * <p>Method: {@link Sampling#samples} evenly spaced windows of the new file ({@link
 * Sampling#describe()} for the production setting {@link #DEFAULT}) are scanned with the mode's
 * real scan against the real index of the whole old file, so every match the full diff would find
 * is found. The windows' control, diff and extra bytes are xz-compressed as one patch-like stream,
 * and the same new windows with the full file's filters; their ratio times the full file's real xz
 * size estimates the patch's xz size. Comparing like with like (both sides lose the same long-range
 * context) is what keeps the estimate honest.
 *
 * <p>Conservative by design: a false "full wins" ships a bigger update, a false "patch wins" only
 * costs the diff. So {@link Outcome#FULL_WINS} needs the estimate minus twice its standard error
 * (from the per-window spread) to exceed the full file by {@link #FULL_WINS_MARGIN}; measured
 * errors on the Firefox pairs are in {@code docs/mbdiff.md}. Files under {@link #MIN_SAMPLED} bytes
 * are never sampled: they are cheap to diff, so the caller just diffs them.
 */
public final class EarlyVerdict {
  /**
   * How many windows of the new file are scanned and how big they are: {@code n / (PER_WINDOW ·
   * samples)} bytes each, i.e. {@code 1 / PER_WINDOW} of the file in all, clamped to {@code
   * [minWindow, maxWindow]}. New files under {@code 4 · samples · minWindow} bytes are not sampled
   * but diffed outright. {@link #describe()} says this in words; the CLI's help prints it, so the
   * text never drifts from these numbers.
   */
  static final class Sampling {
    /** The windows together are 1 / PER_WINDOW of the new file (before clamping). */
    static final int PER_WINDOW = 20;

    final int samples;
    final int minWindow;
    final int maxWindow;

    Sampling(int samples, int minWindow, int maxWindow) {
      this.samples = samples;
      this.minWindow = minWindow;
      this.maxWindow = maxWindow;
    }

    int minSampled() {
      return 4 * samples * minWindow;
    }

    int window(int n) {
      return (int) Math.max(minWindow, Math.min(maxWindow, n / ((long) PER_WINDOW * samples)));
    }

    /**
     * The setting in words, e.g. "16 windows, 5 % of the new file (256 to 1024 KiB each; files
     * under 16 MiB are diffed outright)".
     */
    String describe() {
      double pct = 100.0 / PER_WINDOW;
      return String.format(
          "%d windows, %s %% of the new file (%d to %d KiB each; files under %d MiB are"
              + " diffed outright)",
          samples,
          pct == Math.rint(pct) ? Long.toString((long) pct) : Double.toString(pct),
          minWindow >> 10,
          maxWindow >> 10,
          minSampled() >> 20);
    }
  }

  /** The production setting. */
  static final Sampling DEFAULT = new Sampling(16, 256 << 10, 1 << 20);

  /** New files smaller than this are diffed, not estimated. */
  public static final int MIN_SAMPLED = DEFAULT.minSampled();

  /** The production sampling in words (what {@code sbz diff --help} prints). */
  public static String samplingDescription() {
    return DEFAULT.describe();
  }

  /**
   * How far (relative) the low end of the estimate must exceed the full file for {@link
   * Outcome#FULL_WINS}. The estimate's measured error on the Firefox pairs was under 2 %; this
   * leaves room for files unlike them.
   */
  static final double FULL_WINS_MARGIN = 0.0;

  /** The verdict's possible answers. */
  public enum Outcome {
    /** The patch very likely compresses smaller than the full file: diff it. */
    PATCH_WINS,
    /** The patch loses even on the optimistic side of the estimate: ship the full file. */
    FULL_WINS,
    /** Too close to call: diff it and compare. */
    UNSURE
  }

  /** The filters the full file's xz used, which the estimate's reference stream must match. */
  public enum FullFilters {
    /** LZMA2 alone (patches, non-x86 targets). */
    LZMA2,
    /** x86 BCJ then LZMA2 (full files of x86 and x86-64 MARs). */
    X86_LZMA2,
    /** Not known: both are tried and the one giving the patch the better odds is used. */
    UNKNOWN
  }

  /** The verdict and the numbers behind it. */
  public static final class Result {
    public final Outcome outcome;
    public final long estimatedPatchXz;
    public final long fullXz;

    /** Estimated patch xz size / full xz size. */
    public final double ratio;

    /** Standard error of {@link #ratio}, from the spread of the windows' own ratios. */
    public final double standardError;

    /** Share of the new file that was scanned to get here. */
    public final double sampledFraction;

    /**
     * The windows' new bytes' xz size, scaled to the whole file, over the full file's real xz size:
     * how much compression the windows lose for want of context (1 when unknown).
     */
    public final double contextLoss;

    Result(
        Outcome o, long est, long full, double ratio, double se, double sampled, double context) {
      this.contextLoss = context;
      this.outcome = o;
      this.estimatedPatchXz = est;
      this.fullXz = full;
      this.ratio = ratio;
      this.standardError = se;
      this.sampledFraction = sampled;
    }

    @Override
    public String toString() {
      return String.format(
          "%s: patch ~%d bytes xz vs full %d (ratio %.3f ± %.3f, %.1f %% of the new file scanned,"
              + " window context loss %.3f)",
          outcome,
          estimatedPatchXz,
          fullXz,
          ratio,
          standardError,
          100 * sampledFraction,
          contextLoss);
    }
  }

  private EarlyVerdict() {}

  /**
   * Estimates whether a patch old → neu beats the full file, building the exact-mode index first
   * (the caller that goes on to diff should use {@link MbDiff#diffUnlessFullWins} instead, which
   * reuses the index).
   *
   * @param fullXz the xz size of {@code neu} as the MAR would store it
   * @param x86 whether that full-file xz used the x86 BCJ filter (Linux/Windows x86 MARs)
   */
  public static Result estimate(byte[] old, byte[] neu, long fullXz, boolean x86)
      throws MbDiffException {
    FullFilters f = x86 ? FullFilters.X86_LZMA2 : FullFilters.LZMA2;
    if (neu.length < MIN_SAMPLED) {
      byte[] patch = MbDiff.diff(old, neu, DiffOptions.exact());
      long est = xz(patch, 0, patch.length, false);
      double ratio = (double) est / Math.max(1, fullXz);
      return new Result(decide(ratio, 0), est, fullXz, ratio, 0, 1, 1);
    }
    DiffOptions opts = DiffOptions.exact();
    return sampled(
        OldIndex.exact(SuffixIndex.of(old, opts.threads())),
        NewBytes.of(neu),
        fullXz,
        f,
        opts.threads());
  }

  /** The verdict from sampled windows of {@code neu} scanned against {@code index}. */
  static Result sampled(OldIndex index, NewBytes neu, long fullXz, FullFilters f, int threads)
      throws MbDiffException {
    return sampled(index, neu, fullXz, f, threads, DEFAULT);
  }

  /** The verdict with exact mode's scan on {@code finder}. */
  static Result sampled(
      MatchFinder finder, NewBytes neu, long fullXz, FullFilters f, int threads, Sampling sampling)
      throws MbDiffException {
    return sampled(OldIndex.exact(finder), neu, fullXz, f, threads, sampling);
  }

  static Result sampled(
      OldIndex index, NewBytes neu, long fullXz, FullFilters f, int threads, Sampling sampling)
      throws MbDiffException {
    int samples = sampling.samples;
    int window = sampling.window(neu.length());
    OldBytes old = index.oldBytes();
    int[] starts = new int[samples];
    for (int i = 0; i < samples; i++) {
      starts[i] = (int) (((long) neu.length() - window) * i / Math.max(1, samples - 1));
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<Window>> scans = new ArrayList<>();
      for (int s : starts) {
        scans.add(
            pool.submit(
                () -> {
                  ControlTriples t = index.window(neu, s, s + window);
                  return Window.render(old, neu, t, s, Math.min(s, old.length()));
                }));
      }
      List<Window> ws = new ArrayList<>();
      for (Future<Window> w : scans) {
        ws.add(w.get());
      }
      // Each window's control, diff and extra bytes as one patch-like stream, and the same new
      // bytes with the full file's filters; the pooled ratio is the sum over the sum.
      List<Future<long[]>> each = new ArrayList<>();
      for (int i = 0; i < samples; i++) {
        Window w = ws.get(i);
        int s = starts[i];
        each.add(
            pool.submit(
                () ->
                    new long[] {
                      xz(w.concat(), 0, w.size(), false), newXz(neu, s, window, f).call()
                    }));
      }
      double[] r = new double[samples];
      long patchSum = 0;
      long newSum = 0;
      double mean = 0;
      for (int i = 0; i < samples; i++) {
        long[] pair = each.get(i).get();
        patchSum += pair[0];
        newSum += pair[1];
        r[i] = (double) pair[0] / Math.max(1, pair[1]);
        mean += r[i] / samples;
      }
      double ratio = (double) patchSum / Math.max(1, newSum);
      double var = 0;
      for (double x : r) {
        var += (x - mean) * (x - mean);
      }
      double se = Math.sqrt(var / Math.max(1, samples - 1) / samples);
      double sampled = (double) samples * window / Math.max(1, neu.length());
      // Context the windows lose: their new bytes' xz, scaled up, against the whole file's.
      double contextLoss = newSum / sampled / Math.max(1, fullXz);
      return new Result(
          decide(ratio, se),
          Math.round(ratio * fullXz),
          fullXz,
          ratio,
          se,
          Math.min(1, sampled),
          contextLoss);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MbDiffException("early verdict interrupted", e);
    } catch (ExecutionException e) {
      throw new MbDiffException("early verdict failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  static Outcome decide(double ratio, double se) {
    if (ratio - 2 * se > 1 + FULL_WINS_MARGIN) {
      return Outcome.FULL_WINS;
    }
    if (ratio + 2 * se < 0.9) {
      return Outcome.PATCH_WINS;
    }
    return Outcome.UNSURE;
  }

  /** The new bytes' xz size with the full file's filters (the larger of both if unknown). */
  private static Callable<Long> newXz(NewBytes neu, int from, int len, FullFilters f) {
    return () -> {
      byte[] b = new byte[len];
      neu.copy(from, b, 0, len);
      switch (f) {
        case LZMA2:
          return xz(b, 0, len, false);
        case X86_LZMA2:
          return xz(b, 0, len, true);
        default:
          return Math.max(xz(b, 0, len, false), xz(b, 0, len, true));
      }
    };
  }

  /** The control, diff and extra bytes of one scanned window. */
  private static final class Window {
    final byte[] control;
    final byte[] diff;
    final byte[] extra;

    private Window(byte[] control, byte[] diff, byte[] extra) {
      this.control = control;
      this.diff = diff;
      this.extra = extra;
    }

    static Window render(OldBytes old, NewBytes neu, ControlTriples t, int np, int op)
        throws IOException {
      ByteArrayOutputStream c = new ByteArrayOutputStream();
      ByteArrayOutputStream d = new ByteArrayOutputStream();
      ByteArrayOutputStream e = new ByteArrayOutputStream();
      new PatchBlocks(old, neu, np, op, 1 << 16).write(t, 0, t.size(), c, d, e);
      return new Window(c.toByteArray(), d.toByteArray(), e.toByteArray());
    }

    int size() {
      return control.length + diff.length + extra.length;
    }

    byte[] concat() {
      byte[] all = new byte[size()];
      System.arraycopy(control, 0, all, 0, control.length);
      System.arraycopy(diff, 0, all, control.length, diff.length);
      System.arraycopy(extra, 0, all, control.length + diff.length, extra.length);
      return all;
    }
  }

  /** Size of {@code b[off..off+len)} compressed as Mozilla's scripts do (preset 6, CRC64). */
  static long xz(byte[] b, int off, int len, boolean x86) throws MbDiffException {
    try {
      CountingSink out = new CountingSink();
      FilterOptions[] f =
          x86
              ? new FilterOptions[] {new X86Options(), new LZMA2Options(6)}
              : new FilterOptions[] {new LZMA2Options(6)};
      try (XZOutputStream x = new XZOutputStream(out, f, org.tukaani.xz.XZ.CHECK_CRC64)) {
        x.write(b, off, len);
      }
      return out.count;
    } catch (IOException e) {
      throw new MbDiffException("xz failed while estimating: " + e.getMessage(), e);
    }
  }

  /** Counts bytes and keeps none. */
  private static final class CountingSink extends java.io.OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
