/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;

/**
 * Building, applying or verifying an update failed for a reason the caller can act on: bad input (a
 * tree without {@code precomplete}, a path Mozilla's updater would reject), a manifest the updater
 * would refuse, or a partial that does not reproduce its TO tree.
 */
public class UpdateException extends IOException {
  private static final long serialVersionUID = 1L;

  public UpdateException(String message) {
    super(message);
  }

  public UpdateException(String message, Throwable cause) {
    super(message, cause);
  }
}
