/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.util.Arrays;

/**
 * One MAR entry as stored, held on the heap: name, flags and the compressed bytes.
 *
 * @param name the entry name
 * @param mode the flags (Unix mode bits)
 * @param data the stored (compressed) bytes
 */
public record MarItem(String name, int mode, byte[] data) implements StoredEntry {
  @Override
  public long length() {
    return data.length;
  }

  @Override
  public byte[] bytes() {
    return data;
  }

  @Override
  public byte[] head(int n) {
    return n >= data.length ? data : Arrays.copyOf(data, n);
  }
}
