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

  private final Mode mode;
  private final int threads;
  private final int chunkSize;
  private final Consumer<String> log;

  private DiffOptions(Mode mode, int threads, int chunkSize, Consumer<String> log) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
    }
    this.mode = mode;
    this.threads = threads;
    this.chunkSize = chunkSize;
    this.log = log;
  }

  /** Mozilla-identical output, all cores where the work allows it. */
  public static DiffOptions exact() {
    return new DiffOptions(
        Mode.EXACT, Runtime.getRuntime().availableProcessors(), DEFAULT_CHUNK, m -> {});
  }

  /** Fast mode's match search on all cores. */
  public static DiffOptions fast() {
    return new DiffOptions(
        Mode.FAST, Runtime.getRuntime().availableProcessors(), DEFAULT_CHUNK, m -> {});
  }

  public DiffOptions withThreads(int n) {
    return new DiffOptions(mode, n, chunkSize, log);
  }

  /** Changes the fast-mode chunk size (part of the output's identity: keep the default). */
  public DiffOptions withChunkSize(int bytes) {
    return new DiffOptions(mode, threads, bytes, log);
  }

  /** Receives one line per phase (suffix sort, scan, write) with its wall time. */
  public DiffOptions withLog(Consumer<String> sink) {
    return new DiffOptions(mode, threads, chunkSize, sink);
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
}
