/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.exceptions.ConcurrentAppendException;
import io.delta.exceptions.ConcurrentDeleteReadException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.senbonzakura.jobs.storage.retry.DeltaMergeRetry;
import org.senbonzakura.jobs.storage.retry.MergeConflictException;

/** The retry rules of {@link DeltaMergeRetry}, with Delta's own conflict exceptions. */
class DeltaMergeRetryTest {
  private static final DeltaMergeRetry.Policy FAST =
      new DeltaMergeRetry.Policy(3, Duration.ofMillis(1), Duration.ofMillis(4));

  @Test
  void runsTheWriteAgainAfterConflictsUntilItCommits() throws Exception {
    DeltaMergeRetry retry = new DeltaMergeRetry(FAST);
    AtomicInteger attempts = new AtomicInteger();
    String result =
        retry.run(
            "MERGE into t",
            () -> {
              if (attempts.incrementAndGet() < 3) {
                throw new ConcurrentAppendException("files were added by a concurrent update");
              }
              return "committed";
            });
    assertEquals("committed", result);
    assertEquals(3, attempts.get());
    assertEquals(2, retry.conflicts());
  }

  @Test
  void givesUpAfterTheBudgetWithAClearError() {
    DeltaMergeRetry retry = new DeltaMergeRetry(FAST);
    AtomicInteger attempts = new AtomicInteger();
    MergeConflictException e =
        assertThrows(
            MergeConflictException.class,
            () ->
                retry.run(
                    "MERGE into patch_cache",
                    () -> {
                      attempts.incrementAndGet();
                      throw new ConcurrentDeleteReadException("a file read was deleted");
                    }));
    assertEquals(3, attempts.get());
    assertTrue(e.getMessage().startsWith("MERGE into patch_cache: gave up after 3 attempts"));
    assertTrue(e.getCause() instanceof ConcurrentDeleteReadException);
  }

  @Test
  void otherFailuresAreNotRetried() {
    DeltaMergeRetry retry = new DeltaMergeRetry(FAST);
    AtomicInteger attempts = new AtomicInteger();
    IllegalStateException boom = new IllegalStateException("schema mismatch");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                retry.run(
                    "MERGE",
                    () -> {
                      attempts.incrementAndGet();
                      throw boom;
                    }));
    assertSame(boom, thrown);
    assertEquals(1, attempts.get());
    assertEquals(0, retry.conflicts());
  }

  /**
   * Delta's own "no such table", as the loser of two concurrent creates sees the winner's table
   * before its first commit: a DeltaAnalysisException, which is a checked exception that Scala code
   * throws without declaring it.
   */
  private static Exception tableNotFound() {
    return (Exception)
        org.apache.spark.sql.delta.DeltaErrors$.MODULE$.nonExistentDeltaTable(
            new org.apache.spark.sql.delta.DeltaTableIdentifier(
                scala.Option.apply("file:/t"), scala.Option.empty()));
  }

  /** Runs a write that throws {@code thrown} (undeclared) {@code failures} times, then succeeds. */
  private static int attemptsUntilItSucceeds(int failures, Exception thrown) throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    String result =
        new DeltaMergeRetry(FAST)
            .run(
                "create Delta table t",
                () -> {
                  if (attempts.incrementAndGet() <= failures) {
                    throw DeltaMergeRetryTest.<RuntimeException>undeclared(thrown);
                  }
                  return "found";
                });
    assertEquals("found", result);
    return attempts.get();
  }

  @Test
  void aTableAnotherRunIsCreatingIsWaitedFor() throws Exception {
    assertFalse(tableNotFound() instanceof RuntimeException, "the case that slipped through once");
    // the first version of the retry caught RuntimeException only and let this one escape at once
    // (seen as run B failing in the concurrent-drivers cluster test)
    assertEquals(3, attemptsUntilItSucceeds(2, tableNotFound()));
    assertEquals(2, attemptsUntilItSucceeds(1, new RuntimeException("wrapped", tableNotFound())));
    assertFalse(DeltaMergeRetry.isTableBeingCreated(new RuntimeException("other")));
  }

  @Test
  void anUnrelatedCheckedExceptionPropagatesUnchanged() {
    java.io.IOException io = new java.io.IOException("disk");
    DeltaMergeRetry retry = new DeltaMergeRetry(FAST);
    AtomicInteger attempts = new AtomicInteger();
    Exception thrown =
        assertThrows(
            java.io.IOException.class,
            () ->
                retry.run(
                    "w",
                    () -> {
                      attempts.incrementAndGet();
                      throw DeltaMergeRetryTest.<RuntimeException>undeclared(io);
                    }));
    assertSame(io, thrown);
    assertEquals(1, attempts.get());
  }

  /** Throws a checked exception from code that does not declare it, as Scala code does. */
  @SuppressWarnings("unchecked")
  private static <E extends Exception> E undeclared(Exception e) throws E {
    throw (E) e;
  }

  @Test
  void recognisesAConflictWrappedByAnotherException() {
    RuntimeException wrapped =
        new RuntimeException("job aborted", new ConcurrentAppendException("concurrent append"));
    assertTrue(DeltaMergeRetry.isConcurrentCommitConflict(wrapped));
    assertFalse(DeltaMergeRetry.isConcurrentCommitConflict(new RuntimeException("other")));
    assertFalse(
        DeltaMergeRetry.isConcurrentCommitConflict(
            new java.util.ConcurrentModificationException("a java collection, not Delta")));
  }

  @Test
  void rejectsAnEmptyBudget() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new DeltaMergeRetry.Policy(0, Duration.ZERO, Duration.ZERO));
  }
}
