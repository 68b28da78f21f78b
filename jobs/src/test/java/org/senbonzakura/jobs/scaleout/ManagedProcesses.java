/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every helper JVM a scale-out test starts (S3Proxy, Spark master, workers, second drivers) is
 * registered here, so that it dies with the test even when the test JVM itself is killed or a test
 * forgets its cleanup: a JVM shutdown hook kills whatever is still alive.
 */
final class ManagedProcesses {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ManagedProcesses::killAll, "scaleout-process-reaper"));
  }

  private ManagedProcesses() {}

  /** Starts the process and registers it for the shutdown hook. */
  static Process start(ProcessBuilder builder) throws IOException {
    Process process = builder.start();
    LIVE.add(process);
    return process;
  }

  /**
   * Kills the process and every process it started (a worker's executors), like a machine that
   * loses power: no shutdown hooks, no goodbye messages.
   */
  static void kill(Process process) {
    List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(20, TimeUnit.SECONDS);
      for (ProcessHandle child : children) {
        child.onExit().get(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // best effort: a child that is already gone completes onExit immediately
    }
    LIVE.remove(process);
  }

  /** The java launcher of the running JVM, so helper JVMs use the same Java as the tests. */
  static String javaCommand() {
    return System.getProperty("java.home") + "/bin/java";
  }

  private static void killAll() {
    for (Process process : List.copyOf(LIVE)) {
      kill(process);
    }
  }
}
