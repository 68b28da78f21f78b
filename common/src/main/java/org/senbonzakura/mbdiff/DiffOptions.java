/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.util.function.Consumer;

/**
 * How {@link MbDiff} works: {@link Mode#EXACT} writes Mozilla mbsdiff's bytes; {@link Mode#FAST}
 * runs its own match search ({@link FastScan}) over fixed-size chunks of the new file in parallel
 * (output independent of the thread count).
 */
public final class DiffOptions {
  /** The differ's modes. */
  public enum Mode {
    /** Byte-identical to Mozilla's mbsdiff. */
    EXACT,
    /** K-gram match search on all cores; valid MBDIFF10, deterministic, different bytes. */
    FAST
  }

  /** Chunk size of the fast scan; fixed so the output never depends on the machine. */
  public static final int DEFAULT_CHUNK = 4 << 20;

  /**
   * Fast mode's one size rule: an old file of at most this many bytes gets a full suffix array and
   * exact mode's search instead of the sampled {@link KgramIndex}. Why this size: the largest file
   * fast mode must handle (libxul, ≈ 184 MB) sets its heap budget, ≈ 2.8 × that file with the
   * k-gram table (under the 3 × cap of issue #15); a suffix array needs ≈ 5.2 × its old file while
   * sorting, so every file up to 64 MiB (≤ 333 MiB plus a 64 MiB new file) fits well inside that
   * budget. On such files the sampled table misses the short far matches (9–15 bytes in the
   * changed, deflated entries of omni.ja) that exact mode finds, +3.7 % to +4.6 % of xz there,
   * while the sort costs only ≈ 0.15 s of CPU per MB. Part of the output's identity, like the chunk
   * size: keep the default.
   */
  public static final long DEFAULT_FULL_INDEX_UP_TO = 64L << 20;

  private final Mode mode;
  private final int threads;
  private final int chunkSize;
  private final long fullIndexUpTo;
  private final Consumer<String> log;

  private DiffOptions(
      Mode mode, int threads, int chunkSize, long fullIndexUpTo, Consumer<String> log) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
    }
    this.mode = mode;
    this.threads = threads;
    this.chunkSize = chunkSize;
    this.fullIndexUpTo = fullIndexUpTo;
    this.log = log;
  }

  /** Mozilla-identical output, all cores where the work allows it. */
  public static DiffOptions exact() {
    return new DiffOptions(
        Mode.EXACT,
        Runtime.getRuntime().availableProcessors(),
        DEFAULT_CHUNK,
        DEFAULT_FULL_INDEX_UP_TO,
        m -> {});
  }

  /** Fast mode's match search on all cores. */
  public static DiffOptions fast() {
    return new DiffOptions(
        Mode.FAST,
        Runtime.getRuntime().availableProcessors(),
        DEFAULT_CHUNK,
        DEFAULT_FULL_INDEX_UP_TO,
        m -> {});
  }

  public DiffOptions withThreads(int n) {
    return new DiffOptions(mode, n, chunkSize, fullIndexUpTo, log);
  }

  /** Changes the fast-mode chunk size (part of the output's identity: keep the default). */
  public DiffOptions withChunkSize(int bytes) {
    return new DiffOptions(mode, threads, bytes, fullIndexUpTo, log);
  }

  /**
   * Changes fast mode's {@link #DEFAULT_FULL_INDEX_UP_TO} (part of the output's identity: keep the
   * default; 0 puts every file on the k-gram table, as tests of it do).
   */
  public DiffOptions withFullIndexUpTo(long oldBytes) {
    return new DiffOptions(mode, threads, chunkSize, oldBytes, log);
  }

  /** Receives one line per phase (suffix sort, scan, write) with its wall time. */
  public DiffOptions withLog(Consumer<String> sink) {
    return new DiffOptions(mode, threads, chunkSize, fullIndexUpTo, sink);
  }

  Consumer<String> log() {
    return log;
  }

  public Mode mode() {
    return mode;
  }

  public int threads() {
    return threads;
  }

  public int chunkSize() {
    return chunkSize;
  }

  /** Fast mode: old files up to this size get a full suffix array (exact mode's search). */
  public long fullIndexUpTo() {
    return fullIndexUpTo;
  }
}
