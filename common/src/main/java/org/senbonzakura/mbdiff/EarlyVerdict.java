/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tukaani.xz.FilterOptions;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.X86Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Predicts, without the full diff, whether an MBDIFF10 patch will beat the xz-compressed full file.
 * Mozilla spends minutes diffing a big-jump libxul only to ship the full file; the assembler can
 * ask this first and skip a diff that cannot win.
 *
 * <p>Method: take {@value #SAMPLES} evenly spaced 128 KiB chunks of the new file; find where each
 * came from in the old file by voting with 32-byte fingerprints (a hash of every 64th old k-gram);
 * suffix-sort a 4 MiB old window there and run the real mbsdiff scan on the chunk; compress the
 * samples' control, diff and extra bytes with xz, and the same new chunks with the full file's
 * filters. Their ratio times the full file's real xz size estimates the patch's xz size. The spread
 * of per-sample ratios gives a confidence. Cost: about 2 % of the new file scanned.
 */
public final class EarlyVerdict {
  static final int SAMPLES = 16;
  static final int CHUNK = 128 << 10;
  static final int WINDOW = 4 << 20;
  private static final int K = 32;
  private static final int STRIDE = 64;

  /** What the estimate says. */
  public enum Outcome {
    /** The patch very likely compresses smaller than the full file: diff it. */
    PATCH_WINS,
    /** The patch very likely loses: ship the full file, skip the diff. */
    FULL_WINS,
    /** Too close to call: diff it and compare. */
    UNSURE
  }

  /** The verdict and the numbers behind it. */
  public static final class Result {
    public final Outcome outcome;
    public final long estimatedPatchXz;
    public final long fullXz;

    /** Estimated patch xz size / full xz size. */
    public final double ratio;

    /** Estimated probability that the patch is the smaller one. */
    public final double patchWinsProbability;

    Result(Outcome o, long est, long full, double ratio, double p) {
      this.outcome = o;
      this.estimatedPatchXz = est;
      this.fullXz = full;
      this.ratio = ratio;
      this.patchWinsProbability = p;
    }

    @Override
    public String toString() {
      return String.format(
          "%s: patch ~%d bytes xz vs full %d (ratio %.3f, P(patch smaller) %.2f)",
          outcome, estimatedPatchXz, fullXz, ratio, patchWinsProbability);
    }
  }

  private EarlyVerdict() {}

  /**
   * Estimates whether a patch old → neu beats the full file.
   *
   * @param fullXz the xz size of {@code neu} as the MAR would store it
   * @param x86 whether that full-file xz used the x86 BCJ filter (Linux/Windows x86 MARs)
   */
  public static Result estimate(byte[] old, byte[] neu, long fullXz, boolean x86)
      throws MbDiffException {
    return estimate(old, neu, fullXz, x86, SAMPLES, CHUNK, WINDOW);
  }

  /** {@link #estimate(byte[], byte[], long, boolean)} with its sampling made explicit (tests). */
  static Result estimate(
      byte[] old, byte[] neu, long fullXz, boolean x86, int samples, int chunk, int window)
      throws MbDiffException {
    final int SAMPLES = samples;
    final int CHUNK = chunk;
    final int WINDOW = window;
    if (neu.length <= SAMPLES * CHUNK * 2) {
      // Small file: the real diff is cheap, so measure instead of estimating.
      byte[] patch = MbDiff.diff(old, neu, DiffOptions.fast());
      long est = xz(patch, false);
      return verdict(est, fullXz, (double) est / Math.max(1, fullXz), 0.0);
    }
    Fingerprints fp = new Fingerprints(old);
    ByteArrayOutputStream ctrl = new ByteArrayOutputStream();
    ByteArrayOutputStream diff = new ByteArrayOutputStream();
    ByteArrayOutputStream extra = new ByteArrayOutputStream();
    ByteArrayOutputStream news = new ByteArrayOutputStream();
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      int start = (int) (((long) neu.length - CHUNK) * i / (SAMPLES - 1));
      int end = start + CHUNK;
      int mapped = fp.locate(neu, start, end);
      int base = Math.max(0, Math.min(old.length - WINDOW, mapped - (WINDOW - CHUNK) / 2));
      int len = Math.min(WINDOW, old.length - base);
      SuffixIndex idx = new SuffixIndex(old, SuffixArrays.build(old, base, len), base, len);
      int startPos = Math.max(0, Math.min(mapped, old.length));
      ControlTriples t = new GreedyScan(idx, neu).scan(start, end, startPos).triples;
      byte[][] blocks = render(old, neu, t, start, startPos);
      ctrl.writeBytes(blocks[0]);
      diff.writeBytes(blocks[1]);
      extra.writeBytes(blocks[2]);
      news.write(neu, start, CHUNK);
      long one = xz(concat(blocks), false);
      long full = xz(Arrays.copyOfRange(neu, start, end), x86);
      ratios.add((double) one / Math.max(1, full));
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(ctrl.toByteArray());
    all.writeBytes(diff.toByteArray());
    all.writeBytes(extra.toByteArray());
    double ratio = (double) xz(all.toByteArray(), false) / xz(news.toByteArray(), x86);
    double mean = ratios.stream().mapToDouble(d -> d).average().orElse(ratio);
    double var =
        ratios.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum()
            / Math.max(1, ratios.size() - 1);
    double se = Math.max(0.02, Math.sqrt(var / ratios.size()));
    return verdict(Math.round(ratio * fullXz), fullXz, ratio, se);
  }

  private static Result verdict(long est, long full, double ratio, double se) {
    double p = se == 0 ? (ratio < 1 ? 1 : 0) : normalCdf((1 - ratio) / se);
    Outcome o = p >= 0.9 ? Outcome.PATCH_WINS : p <= 0.1 ? Outcome.FULL_WINS : Outcome.UNSURE;
    return new Result(o, est, full, ratio, p);
  }

  /** Control, diff and extra bytes of one scanned range. */
  private static byte[][] render(byte[] old, byte[] neu, ControlTriples t, int np, int op) {
    ByteArrayOutputStream c = new ByteArrayOutputStream();
    ByteArrayOutputStream d = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    byte[] b = new byte[12];
    for (int i = 0; i < t.size(); i++) {
      MbDiffHeader.putU32(b, 0, t.add(i) & 0xFFFFFFFFL);
      MbDiffHeader.putU32(b, 4, t.copy(i) & 0xFFFFFFFFL);
      MbDiffHeader.putU32(b, 8, t.seek(i) & 0xFFFFFFFFL);
      c.write(b, 0, 12);
      for (int k = 0; k < t.add(i); k++) {
        d.write(neu[np + k] - old[op + k]);
      }
      np += t.add(i);
      op += t.add(i);
      e.write(neu, np, t.copy(i));
      np += t.copy(i);
      op += t.seek(i);
    }
    return new byte[][] {c.toByteArray(), d.toByteArray(), e.toByteArray()};
  }

  private static byte[] concat(byte[][] parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  static long xz(byte[] data, boolean x86) throws MbDiffException {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      FilterOptions[] f =
          x86
              ? new FilterOptions[] {new X86Options(), new LZMA2Options(6)}
              : new FilterOptions[] {new LZMA2Options(6)};
      try (XZOutputStream x = new XZOutputStream(out, f, org.tukaani.xz.XZ.CHECK_CRC64)) {
        x.write(data);
      }
      return out.size();
    } catch (IOException e) {
      throw new MbDiffException("xz failed while estimating: " + e.getMessage(), e);
    }
  }

  /** Abramowitz–Stegun approximation of the standard normal CDF. */
  static double normalCdf(double z) {
    double t = 1 / (1 + 0.2316419 * Math.abs(z));
    double poly =
        t
            * (0.319381530
                + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
    double tail = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) * poly;
    return z >= 0 ? 1 - tail : tail;
  }

  /** Hashes of every {@value #STRIDE}-th {@value #K}-byte k-gram of the old file. */
  private static final class Fingerprints {
    private final byte[] old;
    private final int[] table;
    private final int mask;

    Fingerprints(byte[] old) {
      this.old = old;
      int entries = Math.max(1, old.length / STRIDE);
      int size = Integer.highestOneBit(Math.max(16, entries * 2 - 1)) << 1;
      table = new int[size];
      Arrays.fill(table, -1);
      mask = size - 1;
      for (int p = 0; p + K <= old.length; p += STRIDE) {
        int slot = hash(old, p) & mask;
        while (table[slot] >= 0) {
          slot = (slot + 1) & mask;
        }
        table[slot] = p;
      }
    }

    private static int hash(byte[] b, int p) {
      long h = 0;
      for (int i = 0; i < K; i += 8) {
        long w = 0;
        for (int j = 0; j < 8; j++) {
          w = (w << 8) | (b[p + i + j] & 0xFF);
        }
        h = (h ^ w) * 0x9E3779B97F4A7C15L;
      }
      return (int) (h ^ (h >>> 32));
    }

    /** The old position the chunk most likely came from (its start's counterpart). */
    int locate(byte[] neu, int start, int end) {
      java.util.HashMap<Integer, Integer> votes = new java.util.HashMap<>();
      // Every position: old fingerprints sit at multiples of STRIDE, so a shift that is not a
      // multiple of the step would otherwise never be seen.
      for (int q = start; q + K <= end; q++) {
        int slot = hash(neu, q) & mask;
        for (int probes = 0; table[slot] >= 0 && probes < 8; probes++) {
          int p = table[slot];
          if (Arrays.equals(old, p, p + K, neu, q, q + K)) {
            votes.merge(p - q, 1, Integer::sum);
          }
          slot = (slot + 1) & mask;
        }
      }
      int bestDelta = (int) ((long) start * old.length / Math.max(1, neu.length)) - start;
      int best = 0;
      for (java.util.Map.Entry<Integer, Integer> e : votes.entrySet()) {
        if (e.getValue() > best || (e.getValue() == best && e.getKey() < bestDelta)) {
          best = e.getValue();
          bestDelta = e.getKey();
        }
      }
      return start + bestDelta;
    }
  }
}
