/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

/**
 * A request the API refuses, with the HTTP status to answer, the field at fault (null when the body
 * as a whole is wrong) and a one-line reason for the client.
 */
public final class BadRequestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String field;

  public BadRequestException(int status, String field, String reason) {
    super(reason);
    this.status = status;
    this.field = field;
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }
}
