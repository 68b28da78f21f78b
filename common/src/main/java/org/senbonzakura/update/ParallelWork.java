/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs per-file jobs on a fixed number of threads, biggest first, so the one huge file (libxul)
 * starts at once and the small ones fill the other cores around it. The first failure is rethrown
 * after the rest are cancelled. Progress is reported in jobs and in bytes (the jobs' weights), with
 * the file each job works on, so a person watching a long run sees which file holds it up.
 */
final class ParallelWork {
  /**
   * One job; {@code weight}, about the bytes it works on, orders the queue (largest first) and
   * measures progress.
   */
  interface Job {
    /** The file this job works on, shown as progress. */
    String file();

    long weight();

    void run() throws IOException;
  }

  private ParallelWork() {}

  static void run(List<? extends Job> jobs, int threads, String phase, Progress progress)
      throws IOException {
    List<Job> sorted = new ArrayList<>(jobs);
    sorted.sort(Comparator.comparingLong(Job::weight).reversed());
    long total = sorted.size();
    long bytesTotal = sorted.stream().mapToLong(Job::weight).sum();
    AtomicLong done = new AtomicLong();
    AtomicLong bytesDone = new AtomicLong();
    progress.update(phase, 0, total);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Job j : sorted) {
        futures.add(
            pool.submit(
                () -> {
                  progress.bytes(phase, j.file(), bytesDone.get(), bytesTotal);
                  j.run();
                  progress.bytes(phase, null, bytesDone.addAndGet(j.weight()), bytesTotal);
                  progress.update(phase, done.incrementAndGet(), total);
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          for (Future<?> g : futures) {
            g.cancel(true);
          }
          Throwable c = e.getCause();
          if (c instanceof IOException io) {
            throw io;
          }
          if (c instanceof RuntimeException r) {
            throw r;
          }
          if (c instanceof Error err) {
            throw err;
          }
          throw new IOException(c);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException(phase + " interrupted");
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
