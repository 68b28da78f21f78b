/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

/**
 * A file patch could not be applied (wrong source size or CRC, a corrupt patch). Its own type so
 * that the applier can name the file the patch was for, while plain I/O errors pass through.
 */
public class PatchException extends UpdateException {
  private static final long serialVersionUID = 1L;

  public PatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
