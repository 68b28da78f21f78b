/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

/**
 * How {@link MbDiff} works: {@link Mode#EXACT} writes Mozilla mbsdiff's bytes; {@link Mode#FAST}
 * scans fixed-size chunks of the new file in parallel (output independent of the thread count).
 */
public final class DiffOptions {
  /** The differ's modes. */
  public enum Mode {
    /** Byte-identical to Mozilla's mbsdiff. */
    EXACT,
    /** Parallel chunked scan; valid MBDIFF10, deterministic, slightly different bytes. */
    FAST
  }

  /** Chunk size of the fast scan; fixed so the output never depends on the machine. */
  public static final int DEFAULT_CHUNK = 4 << 20;

  private final Mode mode;
  private final int threads;
  private final int chunkSize;

  private DiffOptions(Mode mode, int threads, int chunkSize) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
    }
    this.mode = mode;
    this.threads = threads;
    this.chunkSize = chunkSize;
  }

  /** Mozilla-identical output, all cores where the work allows it. */
  public static DiffOptions exact() {
    return new DiffOptions(Mode.EXACT, Runtime.getRuntime().availableProcessors(), DEFAULT_CHUNK);
  }

  /** The parallel chunked scan on all cores. */
  public static DiffOptions fast() {
    return new DiffOptions(Mode.FAST, Runtime.getRuntime().availableProcessors(), DEFAULT_CHUNK);
  }

  public DiffOptions withThreads(int n) {
    return new DiffOptions(mode, n, chunkSize);
  }

  /** Changes the fast-mode chunk size (part of the output's identity: keep the default). */
  public DiffOptions withChunkSize(int bytes) {
    return new DiffOptions(mode, threads, bytes);
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
