/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/**
 * The gate sizes each diff up front (the executors no longer catch OutOfMemoryError): diffs that
 * fit together run together, and a diff as large as the budget or larger runs alone.
 */
class DiffMemoryGateTest {
  private static final long MIB = 1 << 20;

  @Test
  void needGrowsWithTheInputsAndIsCappedAtTheBudget() {
    long budget = 2048 * MIB;
    assertEquals(1, DiffMemoryGate.need(0, 0, 10, budget), "at least one permit");
    assertEquals(10 * 20 + 1, DiffMemoryGate.need(10 * MIB, 10 * MIB, 10, budget));
    assertEquals(
        2048,
        DiffMemoryGate.need(184 * MIB, 184 * MIB, 10, budget),
        "two libxul.so of 184 MiB need 3.7 GiB: the whole budget, so nothing runs beside them");
  }

  @Test
  void aPairOverTheBudgetRunsAloneAndSmallOnesShareIt() {
    long budget = 100 * MIB;
    Semaphore gate = DiffMemoryGate.forBudget(budget);
    assertSame(gate, DiffMemoryGate.forBudget(budget), "one gate per JVM and budget");
    int big = DiffMemoryGate.need(60 * MIB, 60 * MIB, 10, budget);
    int small = DiffMemoryGate.need(2 * MIB, 2 * MIB, 10, budget);
    assertEquals(100, big);
    assertEquals(41, small);

    assertTrue(gate.tryAcquire(big));
    assertFalse(gate.tryAcquire(small), "nothing runs beside a pair over the budget");
    gate.release(big);

    assertTrue(gate.tryAcquire(small));
    assertTrue(gate.tryAcquire(small), "two small pairs fit together");
    assertFalse(gate.tryAcquire(small), "a third would exceed the budget");
    assertFalse(gate.tryAcquire(big), "the big pair waits until the small ones are done");
    gate.release(small);
    gate.release(small);
    assertTrue(gate.tryAcquire(big));
    gate.release(big);
  }
}
