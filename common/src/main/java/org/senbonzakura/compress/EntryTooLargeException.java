/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.compress;

/**
 * A decoded entry grew past the caller's limit. This is how decompression bombs are stopped: the
 * decoder fails as soon as the limit is crossed instead of filling the disk or the heap.
 */
public final class EntryTooLargeException extends EntryDecodeException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  public EntryTooLargeException(long limit) {
    super("decoded entry exceeds the limit of " + limit + " bytes");
    this.limit = limit;
  }

  /** The limit that was crossed, in bytes. */
  public long limit() {
    return limit;
  }
}
