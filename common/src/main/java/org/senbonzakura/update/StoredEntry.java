/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;

/**
 * One MAR entry as stored (name, flags, compressed bytes), wherever its bytes are: on the heap
 * ({@link MarItem}) or still in the MAR file ({@link MarIo#index}), read when asked for.
 */
public interface StoredEntry {
  String name();

  /** The flags (Unix mode bits). */
  int mode();

  /** The number of stored bytes, known without reading them. */
  long length();

  /** The stored (compressed) bytes. */
  byte[] bytes() throws IOException;

  /** The first {@code min(n, length())} stored bytes (enough to read a header). */
  byte[] head(int n) throws IOException;
}
