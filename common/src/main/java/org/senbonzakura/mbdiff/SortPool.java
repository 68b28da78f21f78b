/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The helper threads of one parallel suffix sort and the two block buffers its induction passes
 * fill ahead of the scan ({@link SuffixArrays}). Owned by one sort and closed when it returns, so
 * no thread outlives the call. Work is split into fixed ranges; which thread runs a range never
 * changes what is written, only when.
 */
final class SortPool implements AutoCloseable {
  /** A job over the index range {@code [from, to)}, part {@code part} of a split. */
  interface RangeTask {
    void run(int part, int from, int to);
  }

  private final int threads;
  private final ExecutorService workers;

  /** Entries per block of an induction pass: its scan reads each block's buffers. */
  final int block;

  /** Per buffer: the entry each slot held when read ahead ({@code seen}), and what it gives. */
  final int[][] seen;

  final int[][] code;

  /**
   * {@code threads} in all: the caller and {@code threads - 1} workers. {@code block} entries per
   * buffer; the four buffers are 16 × block bytes (1 MiB at the default 64 Ki entries).
   */
  SortPool(int threads, int block) {
    if (threads < 2 || block < 1) {
      throw new IllegalArgumentException("threads " + threads + ", block " + block);
    }
    this.threads = threads;
    this.block = block;
    this.workers =
        Executors.newFixedThreadPool(
            threads - 1,
            r -> {
              Thread th = new Thread(r, "sbz-suffix-sort");
              th.setDaemon(true);
              return th;
            });
    this.seen = new int[][] {new int[block], new int[block]};
    this.code = new int[][] {new int[block], new int[block]};
  }

  /**
   * Starts {@code task} over {@code [from, to)} on the workers alone, split evenly among them, and
   * returns at once: the caller keeps working meanwhile and joins the result.
   */
  CompletableFuture<Void> ahead(int from, int to, RangeTask task) {
    int parts = threads - 1;
    if (parts == 1 || to - from < 2 * parts) {
      return CompletableFuture.runAsync(() -> task.run(0, from, to), workers);
    }
    CompletableFuture<?>[] all = new CompletableFuture<?>[parts];
    for (int p = 0; p < parts; p++) {
      int a = split(from, to, parts, p);
      int b = split(from, to, parts, p + 1);
      int part = p;
      all[p] = CompletableFuture.runAsync(() -> task.run(part, a, b), workers);
    }
    return CompletableFuture.allOf(all);
  }

  /** Runs {@code task} over {@code [from, to)} split into {@link #parts()} ranges and waits. */
  void forRange(int from, int to, RangeTask task) {
    int parts = threads;
    CompletableFuture<?>[] all = new CompletableFuture<?>[parts - 1];
    for (int p = 0; p < parts - 1; p++) {
      int a = split(from, to, parts, p);
      int b = split(from, to, parts, p + 1);
      int part = p;
      all[p] = CompletableFuture.runAsync(() -> task.run(part, a, b), workers);
    }
    task.run(parts - 1, split(from, to, parts, parts - 1), to);
    CompletableFuture.allOf(all).join();
  }

  /** The number of ranges {@link #forRange} cuts. */
  int parts() {
    return threads;
  }

  /** Start of range {@code p} of {@code parts} equal ranges of {@code [from, to)}. */
  static int split(int from, int to, int parts, int p) {
    return from + (int) ((long) (to - from) * p / parts);
  }

  /**
   * Stops the workers and waits for them, so that no read-ahead task still runs when the sort
   * returns or throws (its buffers would otherwise be written after the call). A task is a bounded
   * loop over one block, so the wait is short; an interrupt while waiting is kept for the caller.
   */
  @Override
  public void close() {
    workers.shutdownNow();
    boolean interrupted = false;
    try {
      while (!workers.isTerminated()) {
        try {
          workers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
