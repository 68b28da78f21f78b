/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.senbonzakura.io.BigFiles;

/**
 * Makes MBDIFF10 patches (the {@code .patch} entries of partial MARs) in pure Java. {@link
 * DiffOptions#exact()} gives Mozilla mbsdiff's exact bytes; {@link DiffOptions#fast()} scans
 * fixed-size chunks of the new file in parallel against one suffix array.
 *
 * <p>Memory: the old file, its suffix array ({@code 4 × old} bytes) and the control triples (12
 * bytes each); the diff and extra blocks are streamed, never buffered. The byte[] API holds the new
 * file on the heap as well, by construction (≈ 6.2 × old for libxul); the path API maps a new file
 * of {@link #MAP_AT_LEAST} bytes or more instead (≈ 5.2 × old), and in exact mode it maps the old
 * file too when the heap is smaller than {@link #heapWithOldBytes} (≈ 4.3 × old then), which keeps
 * {@code sbz diff --exact} under the 5 × bound of issue #15. See docs/mbdiff.md, "Memory".
 */
public final class MbDiff {
  /**
   * Largest file the byte[] API and the old side of the path API accept: the JVM's byte-array limit
   * (the format allows 2^31 − 1, which a mapped new file may use, see {@link #MAX_MAPPED}).
   */
  public static final long MAX_FILE = Integer.MAX_VALUE - 8;

  /** Largest new file the path API accepts: MBDIFF10's limit, which one mapping can hold. */
  public static final long MAX_MAPPED = NewBytes.MAX_MAPPED;

  /**
   * New files from this size on are mapped by the path API rather than read: that is where the heap
   * matters, and smaller ones would only leave mappings waiting for the GC to release them.
   */
  static final long MAP_AT_LEAST = 1 << 20;

  /**
   * The heap (as {@link Runtime#maxMemory()} reports it) the path API wants before it reads an old
   * file of {@code size} bytes into it in exact mode: 5.25 × old plus 64 MiB. With the old bytes on
   * the heap the diff measured 5.14–5.3 × old peak heap after GC (docs/mbdiff.md, "Memory"): the
   * old bytes, the 4 × old suffix array and the search tree's cache (at most 0.15 × old). The
   * launcher's heap (5.5 × old + 160 MiB, scripts/heap-for.sh) passes (its maxMemory on minor
   * libxul: 1,081 MiB against 986 needed), a 5 × old cap does not. Below it the old file is mapped
   * ({@link OldBytes}) and the heap needs about 4.3 × old. Above it the old bytes stay on the heap,
   * where the JVM can back them with huge pages, which the search's random reads of old are faster
   * with.
   */
  static long heapWithOldBytes(long size) {
    return size * 21 / 4 + (64L << 20);
  }

  /**
   * Whether the path API reads an old file of {@code size} bytes into a heap of {@code maxHeap}.
   */
  static boolean keepOldOnHeap(long size, long maxHeap) {
    return size < MAP_AT_LEAST || maxHeap >= heapWithOldBytes(size);
  }

  private MbDiff() {}

  /** Diffs {@code old} → {@code neu} and writes the patch to {@code out} (not closed). */
  public static MbDiffHeader diff(byte[] old, byte[] neu, OutputStream out, DiffOptions opts)
      throws IOException, MbDiffException {
    checkSize("new", neu.length);
    return diff(index(OldBytes.of(old), opts), NewBytes.of(neu), out, opts);
  }

  /**
   * Diffs {@code old} → {@code neu} unless the patch cannot beat the full file, whose xz size is
   * {@code fullXz}: either the sampled {@link EarlyVerdict} taken right after the index is built
   * says so (new files of {@link EarlyVerdict#MIN_SAMPLED} bytes or more), or the in-scan {@link
   * RunningVerdict} proves it while the scan runs. Returns null (and writes nothing) for that "full
   * wins"; otherwise writes the patch to {@code out} as {@link #diff(byte[], byte[], OutputStream,
   * DiffOptions)} would, byte for byte. A negative {@code fullXz} switches both off.
   */
  public static MbDiffHeader diffUnlessFullWins(
      byte[] old,
      byte[] neu,
      long fullXz,
      EarlyVerdict.FullFilters filters,
      OutputStream out,
      DiffOptions opts)
      throws IOException, MbDiffException {
    return diffUnlessFullWins(old, neu, fullXz, filters, out, opts, EarlyVerdict.DEFAULT);
  }

  static MbDiffHeader diffUnlessFullWins(
      byte[] old,
      byte[] neu,
      long fullXz,
      EarlyVerdict.FullFilters filters,
      OutputStream out,
      DiffOptions opts,
      EarlyVerdict.Sampling sampling)
      throws IOException, MbDiffException {
    checkSize("new", neu.length);
    return diffUnlessFullWins(
        OldBytes.of(old), NewBytes.of(neu), fullXz, filters, out, opts, sampling);
  }

  /**
   * {@link #diffUnlessFullWins(byte[], byte[], long, EarlyVerdict.FullFilters, OutputStream,
   * DiffOptions)} on two files, mapped as by {@link #diff(Path, Path, Path, DiffOptions)}.
   */
  public static MbDiffHeader diffUnlessFullWins(
      Path old,
      Path neu,
      long fullXz,
      EarlyVerdict.FullFilters filters,
      OutputStream out,
      DiffOptions opts)
      throws IOException, MbDiffException {
    return diffUnlessFullWins(old, neu, fullXz, filters, out, opts, oldOnHeap(old, opts));
  }

  /** As above, with the old file read ({@code oldOnHeap}) or mapped (exact mode only). */
  static MbDiffHeader diffUnlessFullWins(
      Path old,
      Path neu,
      long fullXz,
      EarlyVerdict.FullFilters filters,
      OutputStream out,
      DiffOptions opts,
      boolean oldOnHeap)
      throws IOException, MbDiffException {
    OldBytes o = oldFile(old, oldOnHeap || opts.mode() != DiffOptions.Mode.EXACT);
    NewBytes n = newFile(neu, MAP_AT_LEAST);
    return diffUnlessFullWins(o, n, fullXz, filters, out, opts, EarlyVerdict.DEFAULT);
  }

  private static MbDiffHeader diffUnlessFullWins(
      OldBytes old,
      NewBytes neu,
      long fullXz,
      EarlyVerdict.FullFilters filters,
      OutputStream out,
      DiffOptions opts,
      EarlyVerdict.Sampling sampling)
      throws IOException, MbDiffException {
    OldIndex index = index(old, opts);
    if (fullXz >= 0 && neu.length() >= sampling.minSampled()) {
      long t0 = System.nanoTime();
      long c0 = cpu();
      EarlyVerdict.Result v =
          EarlyVerdict.sampled(index, neu, fullXz, filters, opts.threads(), sampling);
      opts.log()
          .accept(String.format("early verdict: %.1f s, cpu %.1f s: %s", secs(t0), cpuSecs(c0), v));
      if (v.outcome == EarlyVerdict.Outcome.FULL_WINS) {
        return null;
      }
      if (v.outcome == EarlyVerdict.Outcome.PATCH_WINS) {
        // The watch would only cost CPU here (about one more xz of the patch). Leaving it off
        // can never change the outcome: it only ever stops diffs, and the patch is the same.
        return diff(index, neu, out, opts);
      }
    }
    if (fullXz < 0) {
      return diff(index, neu, out, opts);
    }
    RunningVerdict running = new RunningVerdict(index.oldBytes(), neu, fullXz, opts.log());
    MbDiffHeader h = diff(index, neu, out, opts, running);
    opts.log()
        .accept(
            String.format(
                "in-scan verdict: %s after %d triples (%d of %d new bytes), patch xz >= %d"
                    + " (%d emitted) against full %d",
                running.fullWins() ? "FULL_WINS" : "patch goes on",
                running.triplesSeen(),
                running.newBytesSeen(),
                neu.length(),
                running.lowerBound(),
                running.emitted(),
                fullXz));
    return h;
  }

  /**
   * {@link #diffUnlessFullWins(byte[], byte[], long, EarlyVerdict.FullFilters, OutputStream,
   * DiffOptions)} into memory: the patch, or null for an early "full wins".
   */
  public static byte[] diffUnlessFullWins(
      byte[] old, byte[] neu, long fullXz, EarlyVerdict.FullFilters filters, DiffOptions opts)
      throws MbDiffException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      return diffUnlessFullWins(old, neu, fullXz, filters, out, opts) == null
          ? null
          : out.toByteArray();
    } catch (IOException e) {
      throw new MbDiffException("cannot write patch to memory", e);
    }
  }

  /** The early verdict alone, on the mode's index (what {@code sbz diff --estimate} prints). */
  public static EarlyVerdict.Result verdict(
      byte[] old, byte[] neu, long fullXz, EarlyVerdict.FullFilters filters, DiffOptions opts)
      throws MbDiffException {
    checkSize("old", old.length);
    checkSize("new", neu.length);
    OldIndex index = index(OldBytes.of(old), opts);
    long t0 = System.nanoTime();
    long c0 = cpu();
    EarlyVerdict.Result v =
        EarlyVerdict.sampled(index, NewBytes.of(neu), fullXz, filters, opts.threads());
    opts.log().accept(String.format("early verdict: %.1f s, cpu %.1f s", secs(t0), cpuSecs(c0)));
    return v;
  }

  /** The mode's index of {@code old}, timed. */
  static OldIndex index(byte[] old, DiffOptions opts) throws MbDiffException {
    return index(OldBytes.of(old), opts);
  }

  /**
   * The mode's index of {@code old}, timed. Fast mode's needs the bytes on the heap (the path API
   * never maps them for it).
   */
  static OldIndex index(OldBytes old, DiffOptions opts) throws MbDiffException {
    checkSize("old", old.length());
    long t0 = System.nanoTime();
    long c0 = cpu();
    OldIndex index =
        opts.mode() == DiffOptions.Mode.EXACT
            ? OldIndex.exact(SuffixIndex.of(old, opts.threads()))
            : FastDiff.build(old.toArray(), opts);
    opts.log()
        .accept(
            String.format(
                "%s: %.1f s, cpu %.1f s (%d bytes, old %s)",
                index instanceof FastDiff ? "k-gram index" : "suffix sort",
                secs(t0),
                cpuSecs(c0),
                old.length(),
                old.array() != null ? "on the heap" : "mapped"));
    return index;
  }

  /** As {@link #diff(byte[], byte[], OutputStream, DiffOptions)} with a prebuilt old index. */
  public static MbDiffHeader diff(
      SuffixIndex oldIndex, byte[] neu, OutputStream out, DiffOptions opts)
      throws IOException, MbDiffException {
    checkSize("new", neu.length);
    OldIndex index =
        opts.mode() == DiffOptions.Mode.EXACT
            ? OldIndex.exact(oldIndex)
            : FastDiff.build(oldIndex.oldBytes().toArray(), opts);
    return diff(index, NewBytes.of(neu), out, opts);
  }

  private static MbDiffHeader diff(
      OldIndex oldIndex, NewBytes neu, OutputStream out, DiffOptions opts)
      throws IOException, MbDiffException {
    return diff(oldIndex, neu, out, opts, ScanWatch.NONE);
  }

  /** The patch, or null (nothing written) when {@code watch} stopped the scan. */
  private static MbDiffHeader diff(
      OldIndex oldIndex, NewBytes neu, OutputStream out, DiffOptions opts, ScanWatch watch)
      throws IOException, MbDiffException {
    OldBytes old = oldIndex.oldBytes();
    checkSize("old", old.length());
    long t0 = System.nanoTime();
    long c0 = cpu();
    ControlTriples t = oldIndex.plan(neu, opts, watch);
    if (t == null) {
      opts.log().accept(String.format("scan stopped: %.1f s, cpu %.1f s", secs(t0), cpuSecs(c0)));
      return null;
    }
    opts.log()
        .accept(
            String.format(
                "scan: %.1f s, cpu %.1f s (%d triples)", secs(t0), cpuSecs(c0), t.size()));
    t0 = System.nanoTime();
    MbDiffHeader h = PatchWriter.header(old, neu, t);
    BufferedOutputStream bout = new BufferedOutputStream(new NonClosingOutputStream(out), 1 << 20);
    PatchWriter.write(old, neu, t, h, bout);
    bout.flush();
    opts.log().accept(String.format("write: %.1f s (%d bytes)", secs(t0), h.patchLength()));
    return h;
  }

  /** Process CPU time in ns (all threads), or 0 where the JVM cannot tell. */
  private static long cpu() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return 0;
  }

  private static double cpuSecs(long c0) {
    return (cpu() - c0) / 1e9;
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** The patch as a byte array. */
  public static byte[] diff(byte[] old, byte[] neu, DiffOptions opts) throws MbDiffException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      diff(old, neu, out, opts);
    } catch (IOException e) {
      throw new MbDiffException("cannot write patch to memory", e);
    }
    return out.toByteArray();
  }

  /**
   * Diffs two files into {@code patch}, the same bytes as the byte[] API gives. A new file of
   * {@link #MAP_AT_LEAST} bytes or more is mapped read-only rather than read into the heap, and may
   * be up to {@link #MAX_MAPPED} bytes; in exact mode, so is the old file when the heap is smaller
   * than {@link #heapWithOldBytes} (see {@link #keepOldOnHeap}). Neither may change during the
   * diff.
   */
  public static MbDiffHeader diff(Path old, Path neu, Path patch, DiffOptions opts)
      throws IOException, MbDiffException {
    return diff(old, neu, patch, opts, MAP_AT_LEAST);
  }

  /** As {@link #diff(Path, Path, Path, DiffOptions)}, mapping new files from {@code mapAtLeast}. */
  static MbDiffHeader diff(Path old, Path neu, Path patch, DiffOptions opts, long mapAtLeast)
      throws IOException, MbDiffException {
    return diff(old, neu, patch, opts, mapAtLeast, oldOnHeap(old, opts));
  }

  /**
   * As {@link #diff(Path, Path, Path, DiffOptions, long)}, with the old file read ({@code
   * oldOnHeap}) or mapped; fast mode always reads it.
   */
  static MbDiffHeader diff(
      Path old, Path neu, Path patch, DiffOptions opts, long mapAtLeast, boolean oldOnHeap)
      throws IOException, MbDiffException {
    OldBytes o = oldFile(old, oldOnHeap || opts.mode() != DiffOptions.Mode.EXACT);
    NewBytes n = newFile(neu, mapAtLeast);
    try (OutputStream out = Files.newOutputStream(patch)) {
      return diff(index(o, opts), n, out, opts);
    }
  }

  /** Whether the path API keeps the old file {@code p} on this JVM's heap in mode {@code opts}. */
  private static boolean oldOnHeap(Path p, DiffOptions opts) throws IOException {
    return opts.mode() != DiffOptions.Mode.EXACT
        || keepOldOnHeap(Files.size(p), Runtime.getRuntime().maxMemory());
  }

  /** The old file, read into the heap ({@code onHeap}) or mapped read-only. */
  private static OldBytes oldFile(Path p, boolean onHeap) throws IOException, MbDiffException {
    if (onHeap) {
      return OldBytes.of(readFile(p));
    }
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      checkSize(p.toString(), ch.size());
      return OldBytes.map(ch);
    }
  }

  /** The new file, mapped from {@code mapAtLeast} bytes on, else read. */
  private static NewBytes newFile(Path p, long mapAtLeast) throws IOException, MbDiffException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      long size = ch.size();
      checkSize(p.toString(), size, MAX_MAPPED);
      if (size >= mapAtLeast) {
        return NewBytes.map(ch);
      }
    }
    return NewBytes.of(readFile(p));
  }

  static void checkSize(String what, long len) throws MbDiffException {
    checkSize(what, len, MAX_FILE);
  }

  private static void checkSize(String what, long len, long max) throws MbDiffException {
    if (len > max) {
      throw new MbDiffException(
          what + " file is " + len + " bytes; MBDIFF10 in sbz supports at most " + max);
    }
  }

  static byte[] readFile(Path p) throws IOException, MbDiffException {
    checkSize(p.toString(), Files.size(p));
    return BigFiles.readAllBytes(p);
  }
}
