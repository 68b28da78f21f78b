/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.PrintStream;
import org.senbonzakura.update.Progress;

/**
 * A one-line progress bar on stderr, redrawn in place; only used when a terminal is attached
 * ({@code System.console() != null}), so logs and pipes stay clean.
 */
final class ProgressBar implements Progress {
  private static final int WIDTH = 30;
  private final PrintStream err;
  private String lastLine = "";

  private ProgressBar(PrintStream err) {
    this.err = err;
  }

  /** A bar on a terminal, else {@link Progress#NONE}. */
  static Progress forTerminal(PrintStream err) {
    return System.console() != null ? new ProgressBar(err) : Progress.NONE;
  }

  @Override
  public synchronized void update(String phase, long done, long total) {
    int filled = total <= 0 ? WIDTH : (int) (WIDTH * done / total);
    String line =
        String.format(
            "%-14s [%s%s] %d/%d",
            phase, "#".repeat(filled), " ".repeat(WIDTH - filled), done, total);
    if (!line.equals(lastLine)) {
      err.print("\r" + line);
      if (done >= total) {
        err.println();
      }
      err.flush();
      lastLine = line;
    }
  }
}
