/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.fetch;

/**
 * A complete MAR could not be fetched; the message is the reason recorded for every request that
 * needs it. {@link #retryable()} tells whether trying again may help.
 */
public final class FetchException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  public FetchException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public FetchException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
