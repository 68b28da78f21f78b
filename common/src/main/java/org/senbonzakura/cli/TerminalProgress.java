/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.senbonzakura.update.Progress;

/**
 * Progress a person can follow on a long run: one status line on stderr, redrawn in place, with the
 * phase, the units (files) and bytes done, and the file last started. It is drawn only when stderr
 * is a terminal, so logs, pipes and {@code --json} output stay clean; {@code SBZ_PROGRESS=1} forces
 * it on (tests, or a terminal the JVM cannot see) and {@code SBZ_PROGRESS=0} off. Redraws are
 * limited to a few per second: a diff of many small files must not be slowed by its own progress.
 */
final class TerminalProgress implements Progress {
  private static final long REDRAW_NANOS = 200_000_000L;
  private final PrintStream err;
  private final LongSupplier clock;
  private String phase = "";
  private long units;
  private long unitsTotal;
  private long bytes;
  private long bytesTotal;
  private String file;
  private long lastDraw = Long.MIN_VALUE;
  private int lastWidth;

  TerminalProgress(PrintStream err, LongSupplier clock) {
    this.err = err;
    this.clock = clock;
  }

  /** Progress on {@code err} if it is a terminal (or {@code SBZ_PROGRESS} says so), else none. */
  static Progress forStderr(PrintStream err) {
    return choose(err, System.console() != null, System.getenv("SBZ_PROGRESS"));
  }

  /** The choice {@link #forStderr} makes, given whether a terminal is attached and the override. */
  static Progress choose(PrintStream err, boolean terminal, String override) {
    boolean on = override == null || override.isEmpty() ? terminal : !override.equals("0");
    return on ? new TerminalProgress(err, System::nanoTime) : Progress.NONE;
  }

  @Override
  public synchronized void update(String phase, long done, long total) {
    boolean newPhase = !phase.equals(this.phase);
    if (newPhase) {
      finishLine();
      this.phase = phase;
      bytes = 0;
      bytesTotal = 0;
      file = null;
    }
    units = done;
    unitsTotal = total;
    draw(newPhase || done >= total);
  }

  @Override
  public synchronized void bytes(String phase, String file, long done, long total) {
    if (!phase.equals(this.phase)) {
      update(phase, 0, 0);
    }
    this.bytes = done;
    this.bytesTotal = total;
    if (file != null) {
      this.file = file;
    }
    draw(false);
  }

  private void draw(boolean force) {
    long now = clock.getAsLong();
    if (!force && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    StringBuilder b = new StringBuilder("sbz ").append(phase);
    if (unitsTotal > 0) {
      b.append(": ").append(units).append('/').append(unitsTotal);
    }
    if (bytesTotal > 0) {
      b.append(String.format(Locale.ROOT, ", %s of %s", mb(bytes), mb(bytesTotal)));
      b.append(
          String.format(Locale.ROOT, " (%d %%)", bytesTotal == 0 ? 0 : 100 * bytes / bytesTotal));
    }
    if (file != null && units < unitsTotal) {
      b.append(", ").append(file);
    }
    String line = b.toString();
    int pad = Math.max(0, lastWidth - line.length());
    err.print("\r" + line + " ".repeat(pad));
    lastWidth = line.length();
    if (unitsTotal > 0 && units >= unitsTotal) {
      finishLine();
    }
    err.flush();
  }

  private void finishLine() {
    if (lastWidth > 0) {
      err.println();
      lastWidth = 0;
    }
  }

  private static String mb(long n) {
    return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
  }
}
