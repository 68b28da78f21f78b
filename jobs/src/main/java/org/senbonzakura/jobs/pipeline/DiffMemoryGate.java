/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.util.concurrent.Semaphore;

/**
 * Keeps the diffs that run at the same time in one executor JVM within the configured memory
 * budget: each diff takes permits (MiB) for its estimated need before it starts. A pair larger than
 * the whole budget takes all of it and so runs alone. One gate per JVM, shared by the executor's
 * task threads. This, not catching {@link OutOfMemoryError} in the task, is what keeps the diffs of
 * one executor within its memory.
 */
final class DiffMemoryGate {
  private static Semaphore permits;
  private static int budgetMiB;

  private DiffMemoryGate() {}

  static synchronized Semaphore forBudget(long budgetBytes) {
    int mib = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes >> 20));
    if (permits == null || budgetMiB != mib) {
      permits = new Semaphore(mib, true);
      budgetMiB = mib;
    }
    return permits;
  }

  /** The permits a diff of these sizes takes under this budget. */
  static int need(long oldSize, long newSize, int perInputByte, long budgetBytes) {
    long bytes = (oldSize + newSize) * perInputByte + (1 << 20);
    long mib = Math.max(1, bytes >> 20);
    return (int) Math.min(mib, Math.max(1, budgetBytes >> 20));
  }
}
