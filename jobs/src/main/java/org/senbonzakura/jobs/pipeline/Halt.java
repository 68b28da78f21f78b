/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The crash-test hook: with {@code sbz.debug.halt-at = "STAGE:N"} the JVM halts (like a killed
 * driver, no cleanup) right after the N-th unit of work of that stage completes in it.
 */
final class Halt {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private Halt() {}

  static void after(String haltAt, String stage) {
    if (haltAt == null || !haltAt.startsWith(stage + ":")) {
      return;
    }
    int n = Integer.parseInt(haltAt.substring(stage.length() + 1));
    if (COUNT.incrementAndGet() >= n) {
      System.err.println("sbz: halting at " + haltAt + " (debug.halt-at)");
      Runtime.getRuntime().halt(137);
    }
  }
}
