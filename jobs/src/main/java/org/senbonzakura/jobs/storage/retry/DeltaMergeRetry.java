/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.storage.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.delta.DeltaConcurrentModificationException;

/**
 * Runs a Delta write (typically a MERGE) again when it loses an optimistic-concurrency race.
 *
 * <p>Why: Delta commits optimistically. When two runs (or two drivers) MERGE into the same table at
 * once, the second commit finds that files it read were changed and throws a {@code
 * DeltaConcurrentModificationException} (ConcurrentAppendException, ConcurrentDeleteReadException,
 * ...). Nothing of the losing attempt is visible, so running the whole MERGE again against the new
 * snapshot is safe <em>provided the MERGE is idempotent</em>: keyed on the natural key (for the
 * patch cache: old SHA-256, new SHA-256, algorithm version; for results: request id) with {@code
 * whenNotMatched().insertAll()} and an update that writes the same values for the same inputs. Then
 * a retry, a re-run or a concurrent run never duplicates a row.
 *
 * <p>The action must rebuild the MERGE each time ({@code DeltaTable.forPath(...).merge(...)}),
 * since each attempt must read the latest snapshot. Waits grow exponentially with full jitter, so
 * two writers that collided do not collide again in lockstep.
 */
public final class DeltaMergeRetry {
  private static final Set<String> TABLE_NOT_THERE_YET =
      Set.of("DELTA_TABLE_NOT_FOUND", "DELTA_MISSING_DELTA_TABLE", "DELTA_EMPTY_DIRECTORY");

  /** How many attempts, and how long to wait between them. */
  public record Policy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
    /** Validates the budget. */
    public Policy {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
      }
      Objects.requireNonNull(firstBackoff, "firstBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    /** Ten attempts, waits from 200 ms doubling up to 10 s: rides out a busy release night. */
    public static Policy defaults() {
      return new Policy(10, Duration.ofMillis(200), Duration.ofSeconds(10));
    }
  }

  /** One attempt of the write; must build the MERGE afresh on each call. */
  @FunctionalInterface
  public interface Write<T> {
    /** Runs the write once. */
    T run();
  }

  private final Policy policy;
  private final AtomicInteger conflicts = new AtomicInteger();

  /** A retrier with the given budget; one instance can serve a whole run and count conflicts. */
  public DeltaMergeRetry(Policy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * Runs {@code write}, repeating it after a concurrent-commit conflict until it succeeds or the
   * budget is spent. Any other exception propagates unchanged at once.
   *
   * @param operation names the write in the error, e.g. "MERGE into patch_cache"
   * @throws MergeConflictException every attempt lost a concurrency race
   * @throws InterruptedException interrupted while waiting between attempts
   */
  public <T> T run(String operation, Write<T> write)
      throws MergeConflictException, InterruptedException {
    long backoff = Math.max(1, policy.firstBackoff().toMillis());
    for (int attempt = 1; ; attempt++) {
      try {
        return write.run();
      } catch (Exception e) {
        // Exception, not RuntimeException: Delta throws its AnalysisExceptions (a table that is
        // not there yet among them) from Scala, checked but undeclared. Rethrown unchanged.
        if (!isConcurrentCommitConflict(e) && !isTableBeingCreated(e)) {
          throw e;
        }
        conflicts.incrementAndGet();
        if (attempt >= policy.maxAttempts()) {
          throw new MergeConflictException(operation, attempt, e);
        }
        Thread.sleep(ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1));
        backoff = Math.min(backoff * 2, Math.max(1, policy.maxBackoff().toMillis()));
      }
    }
  }

  /** Conflicts seen so far by this instance (for the run table and monitoring). */
  public int conflicts() {
    return conflicts.get();
  }

  /**
   * Whether the exception, or one of its causes, says that the table is not there (yet). Two runs
   * may create a missing table at the same moment; the one that did not create it can see the
   * table's directory before its first commit and be told, for an instant, that it does not exist.
   * Callers create the table first ({@code DeltaTables.ensure}), so this passes once the creator's
   * commit lands; a table that really is missing still fails once the budget is spent.
   */
  public static boolean isTableBeingCreated(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkThrowable st && TABLE_NOT_THERE_YET.contains(st.getErrorClass())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * Whether the exception, or one of its causes, is Delta's signal that a concurrent commit won.
   * All of Delta's concurrency exceptions (the public io.delta.exceptions ones included) extend
   * DeltaConcurrentModificationException.
   */
  public static boolean isConcurrentCommitConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DeltaConcurrentModificationException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
