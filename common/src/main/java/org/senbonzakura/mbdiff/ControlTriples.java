/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.util.Arrays;

/**
 * A growable list of MBDIFF10 control triples (x = bytes to add, y = bytes to copy from the extra
 * block, z = seek in the old file). The diff and extra blocks are not stored: they follow from the
 * triples and the two files, so the writer regenerates them while streaming. Triples live in
 * fixed-size blocks, so growing never copies: a copying list would briefly need 2.5 × its size,
 * some 80 MB at the 2.7 M triples of a big-jump libxul, and the diff's peak heap is that tight.
 */
public final class ControlTriples {
  private static final int SHIFT = 12;
  private static final int BLOCK = 1 << SHIFT;
  private static final int MASK = BLOCK - 1;

  /** Block b holds triples b·BLOCK onwards as (x, y, z) runs of three ints. */
  private int[][] blocks = new int[4][];

  private int size;

  void add(int add, int copy, int seek) {
    int b = size >>> SHIFT;
    int at = 3 * (size & MASK);
    if (at == 0) {
      if (b == blocks.length) {
        blocks = Arrays.copyOf(blocks, 2 * b);
      }
      blocks[b] = new int[3 * BLOCK];
    }
    int[] block = blocks[b];
    block[at] = add;
    block[at + 1] = copy;
    block[at + 2] = seek;
    size++;
  }

  void addAll(ControlTriples other) {
    for (int i = 0; i < other.size; i++) {
      add(other.add(i), other.copy(i), other.seek(i));
    }
  }

  void setSeek(int i, int seek) {
    blocks[i >>> SHIFT][3 * (i & MASK) + 2] = seek;
  }

  public int size() {
    return size;
  }

  public int add(int i) {
    return blocks[i >>> SHIFT][3 * (i & MASK)];
  }

  public int copy(int i) {
    return blocks[i >>> SHIFT][3 * (i & MASK) + 1];
  }

  public int seek(int i) {
    return blocks[i >>> SHIFT][3 * (i & MASK) + 2];
  }
}
