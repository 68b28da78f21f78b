/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.StageInfo;

/**
 * Counts task launches, successful and failed task ends and lost executors on the driver, so a test
 * can time a fault (kill a worker after some tasks finished) and prove that Spark re-ran work
 * instead of the fault missing the job. Optionally it watches one kind of stage (the pipeline's
 * diff stage, found by its call site) and reports the executor of its first task, so a fault can
 * hit exactly that stage.
 */
final class TaskEventRecorder extends SparkListener {
  final AtomicInteger started = new AtomicInteger();
  final AtomicInteger succeeded = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();
  final AtomicInteger executorsRemoved = new AtomicInteger();
  final AtomicInteger watchedStarted = new AtomicInteger();
  final AtomicInteger watchedFailed = new AtomicInteger();
  final AtomicInteger watchedSubmissions = new AtomicInteger();

  private final Predicate<StageInfo> watched;
  private final Set<Integer> watchedStages = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<String> firstWatchedExecutor = new CompletableFuture<>();

  /** Records every task; watches no stage. */
  TaskEventRecorder() {
    this(stage -> false);
  }

  /** Records every task and watches the stages that {@code watched} accepts. */
  TaskEventRecorder(Predicate<StageInfo> watched) {
    this.watched = watched;
  }

  /**
   * The pipeline's diff stage: the one stage that reads a core (non-SQL) shuffle, the {@code
   * partitionBy} that spreads the pairs over the DiffTask. Call sites cannot tell it apart: after
   * the first Delta operation, Delta's call site sticks to every later stage of the thread.
   */
  static Predicate<StageInfo> pipelineDiffStage() {
    return stage -> {
      scala.collection.Iterator<org.apache.spark.storage.RDDInfo> rdds =
          stage.rddInfos().iterator();
      while (rdds.hasNext()) {
        if (rdds.next().name().equals("ShuffledRDD")) {
          return true;
        }
      }
      return false;
    };
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    StageInfo stage = submitted.stageInfo();
    if (watched.test(stage)) {
      watchedStages.add(stage.stageId());
      watchedSubmissions.incrementAndGet();
    }
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart taskStart) {
    started.incrementAndGet();
    if (watchedStages.contains(taskStart.stageId())) {
      watchedStarted.incrementAndGet();
      firstWatchedExecutor.complete(taskStart.taskInfo().executorId());
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (taskEnd.taskInfo().successful()) {
      succeeded.incrementAndGet();
    } else {
      failed.incrementAndGet();
      if (watchedStages.contains(taskEnd.stageId())) {
        watchedFailed.incrementAndGet();
      }
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

  /** Waits for the first task of a watched stage and returns the executor it runs on. */
  String awaitWatchedTask(long timeoutMillis) throws Exception {
    try {
      return firstWatchedExecutor.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("no task of the watched stage started in time: " + this, e);
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
        + executorsRemoved
        + " watched stage: submissions="
        + watchedSubmissions
        + " tasks started="
        + watchedStarted
        + " failed="
        + watchedFailed;
  }
}
