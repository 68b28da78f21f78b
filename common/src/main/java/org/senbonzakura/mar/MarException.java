/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.io.IOException;

/**
 * Base type of every problem the MAR library reports about a MAR's content (as opposed to plain I/O
 * failures). It is an {@link IOException} so streaming code can pass it through unchanged, yet
 * callers can still catch it separately.
 */
public class MarException extends IOException {
  private static final long serialVersionUID = 1L;

  public MarException(String message) {
    super(message);
  }

  public MarException(String message, Throwable cause) {
    super(message, cause);
  }
}
