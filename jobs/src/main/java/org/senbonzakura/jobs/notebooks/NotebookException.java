/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.notebooks;

/** A notebook could not be read, or one of its SQL cells names an unknown table. */
public final class NotebookException extends Exception {
  private static final long serialVersionUID = 1L;

  public NotebookException(String message) {
    super(message);
  }

  public NotebookException(String message, Throwable cause) {
    super(message, cause);
  }
}
