/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.compress;

import java.io.IOException;

/** A MAR entry could not be decoded: corrupt or unsupported compressed data. */
public class EntryDecodeException extends IOException {
  private static final long serialVersionUID = 1L;

  public EntryDecodeException(String message) {
    super(message);
  }

  public EntryDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
