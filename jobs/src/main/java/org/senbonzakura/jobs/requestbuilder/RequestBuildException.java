/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requestbuilder;

/** A release or manifest given to {@code sbz requests} is unusable; the message says why. */
public final class RequestBuildException extends Exception {
  private static final long serialVersionUID = 1L;

  public RequestBuildException(String message) {
    super(message);
  }

  public RequestBuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
