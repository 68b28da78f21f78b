/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Counts task launches, successful and failed task ends and lost executors on the driver, so a test
 * can time a fault (kill a worker after some tasks finished) and prove that Spark re-ran work
 * instead of the fault missing the job.
 */
final class TaskEventRecorder extends SparkListener {
  final AtomicInteger started = new AtomicInteger();
  final AtomicInteger succeeded = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();
  final AtomicInteger executorsRemoved = new AtomicInteger();

  @Override
  public void onTaskStart(SparkListenerTaskStart taskStart) {
    started.incrementAndGet();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (taskEnd.taskInfo().successful()) {
      succeeded.incrementAndGet();
    } else {
      failed.incrementAndGet();
    }
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
    executorsRemoved.incrementAndGet();
  }

  /** Waits until at least {@code count} tasks have succeeded. */
  void awaitSucceeded(int count, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (succeeded.get() < count) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("only " + succeeded.get() + " tasks succeeded in time");
      }
      Thread.sleep(50);
    }
  }

  @Override
  public String toString() {
    return "tasks started="
        + started
        + " succeeded="
        + succeeded
        + " failed="
        + failed
        + " executorsRemoved="
        + executorsRemoved;
  }
}
