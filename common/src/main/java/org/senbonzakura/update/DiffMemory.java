/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;

/**
 * The heap the diffs of one build may use together, so that a heap sized from the inputs (the
 * launcher's {@code -Xmx}, scripts/heap-for.sh) is enough on any number of cores: libxul's diff
 * needs about 5.3 × its old file, and a second core diffing omni.ja beside it must wait rather than
 * run the JVM out of memory. A job asks for its estimate before it starts and gives it back when
 * done (not first come, first served: a small diff may pass a big one that waits); an estimate
 * larger than the whole budget gets the whole budget (it runs alone).
 */
final class DiffMemory {
  private static final int MIB = 1 << 20;

  /**
   * Left for everything that is not a diff: the young generation, listings, compression. (The
   * complete MARs' entries are read from their files, not held: {@link MarIo#index}.)
   */
  private static final long RESERVE = 320L << 20;

  private final Semaphore mib;
  private final int total;

  private DiffMemory(int totalMib) {
    this.total = Math.max(1, totalMib);
    this.mib = new Semaphore(total);
  }

  /** A budget of the JVM's maximum heap less a reserve. */
  static DiffMemory ofHeap() {
    long max = Runtime.getRuntime().maxMemory();
    return new DiffMemory(
        (int) Math.min(Integer.MAX_VALUE, Math.max(max / 2, max - RESERVE) / MIB));
  }

  /** Memory held by one job until closed. */
  interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  /** Waits until {@code bytes} (capped at the whole budget) are free, and takes them. */
  Lease lease(long bytes) throws InterruptedIOException {
    int n = (int) Math.min(total, Math.max(1, (bytes + MIB - 1) / MIB));
    try {
      mib.acquire(n);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for memory for a diff");
    }
    return () -> mib.release(n);
  }
}
