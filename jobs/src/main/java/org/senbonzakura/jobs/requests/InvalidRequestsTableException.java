/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requests;

import java.io.IOException;

/**
 * The requests table as a whole is unusable (a required column is missing), so no row can be
 * judged: the run stops before any work instead of failing every row for the same reason.
 */
public final class InvalidRequestsTableException extends IOException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestsTableException(String message) {
    super(message);
  }
}
