/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.storage.retry;

/**
 * A Delta commit kept losing to concurrent writers until the retry budget was spent. The run should
 * fail the affected rows (or the run) with this message; nothing was committed by the failed
 * attempts, so the table is not corrupt.
 */
public final class MergeConflictException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Names the operation and the attempts; the cause is the last conflict Delta reported. */
  public MergeConflictException(String operation, int attempts, Exception lastConflict) {
    super(
        operation
            + ": gave up after "
            + attempts
            + " attempts, each lost to a concurrent Delta commit; last conflict: "
            + lastConflict.getMessage(),
        lastConflict);
  }
}
