/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.util.Arrays;

/**
 * A growable list of MBDIFF10 control triples (x = bytes to add, y = bytes to copy from the extra
 * block, z = seek in the old file). The diff and extra blocks are not stored: they follow from the
 * triples and the two files, so the writer regenerates them while streaming.
 */
public final class ControlTriples {
  private int[] x = new int[64];
  private int[] y = new int[64];
  private int[] z = new int[64];
  private int size;

  void add(int add, int copy, int seek) {
    if (size == x.length) {
      int cap = size + (size >> 1) + 16;
      x = Arrays.copyOf(x, cap);
      y = Arrays.copyOf(y, cap);
      z = Arrays.copyOf(z, cap);
    }
    x[size] = add;
    y[size] = copy;
    z[size] = seek;
    size++;
  }

  void addAll(ControlTriples other) {
    for (int i = 0; i < other.size; i++) {
      add(other.x[i], other.y[i], other.z[i]);
    }
  }

  void setSeek(int i, int seek) {
    z[i] = seek;
  }

  public int size() {
    return size;
  }

  public int add(int i) {
    return x[i];
  }

  public int copy(int i) {
    return y[i];
  }

  public int seek(int i) {
    return z[i];
  }
}
