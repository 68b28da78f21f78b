/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

/**
 * Limits applied when opening a MAR. The default file-size limit is the updater's own (500 MiB), so
 * anything we accept the updater can load too.
 *
 * @param maxFileSize largest accepted file size in bytes
 */
public record MarReadOptions(long maxFileSize) {
  /** The updater's {@code MAX_SIZE_OF_MAR_FILE}: 500 MiB. */
  public static final long DEFAULT_MAX_FILE_SIZE = 500L * 1024 * 1024;

  /** The defaults: the 500 MiB limit. */
  public static final MarReadOptions DEFAULTS = new MarReadOptions(DEFAULT_MAX_FILE_SIZE);

  public MarReadOptions {
    if (maxFileSize < 0) {
      throw new IllegalArgumentException("maxFileSize < 0");
    }
  }
}
