/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

/**
 * A patch or an input that the MBDIFF10 tools refuse: a malformed or hostile patch, a source file
 * that does not match the patch, or a file too big for the format. Checked, so callers must decide
 * what a bad patch means for them (the pipeline ships the full file instead).
 */
public class MbDiffException extends Exception {
  private static final long serialVersionUID = 1L;

  public MbDiffException(String message) {
    super(message);
  }

  public MbDiffException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * What a parallel diff's wait on its chunks throws: the one translation of an interrupted wait or
   * a failed chunk, for every mode that runs chunks on a pool (exact scan, fast mode).
   */
  static MbDiffException ofChunkWait(Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new MbDiffException("diff interrupted", e);
    }
    Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
    return new MbDiffException("diff failed: " + cause, cause);
  }
}
