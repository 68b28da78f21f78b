/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Generated (old, new) pairs for the exact scan's tests, each a fixed function of its seed:
 * unrelated random files, edited copies, shifted blocks, and ELF-like code whose functions move (so
 * that every call's relative displacement changes, as between two builds of a binary).
 */
final class ExactPairs {
  private ExactPairs() {}

  /** A generated pair, named for test reports. */
  record Pair(String kind, byte[] old, byte[] neu) {
    @Override
    public String toString() {
      return kind + "[old=" + old.length + ", new=" + neu.length + "]";
    }
  }

  static byte[] random(Random r, int n, int alphabet) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(alphabet);
    }
    return b;
  }

  /** Two unrelated files over a small alphabet (many short matches, nothing long). */
  static Pair unrelated(long seed, int n) {
    Random r = new Random(seed);
    return new Pair("unrelated", random(r, n, 4), random(r, n + r.nextInt(n / 4 + 1), 4));
  }

  /** A random file and a copy with {@code edits} substitutions, insertions, deletions, copies. */
  static Pair edited(long seed, int n, int edits) {
    Random r = new Random(seed);
    byte[] base = random(r, n, 256);
    byte[] cur = base;
    for (int e = 0; e < edits; e++) {
      cur = MbDiffPropertiesTest.edit(cur, r);
    }
    return new Pair("edited", base, cur);
  }

  /** Blocks of a low-entropy file, reordered, shifted and partly rewritten. */
  static Pair shiftedBlocks(long seed, int n) {
    Random r = new Random(seed);
    byte[] old = random(r, n, 16);
    List<int[]> blocks = new ArrayList<>();
    for (int at = 0; at < n; ) {
      int len = Math.min(n - at, 500 + r.nextInt(8000));
      blocks.add(new int[] {at, len});
      at += len;
    }
    Collections.shuffle(blocks, r);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int[] b : blocks) {
      int skip = r.nextInt(4) == 0 ? r.nextInt(Math.min(50, b[1])) : 0;
      out.write(old, b[0] + skip, b[1] - skip);
      if (r.nextInt(3) == 0) {
        byte[] ins = random(r, r.nextInt(200), 16);
        out.write(ins, 0, ins.length);
      }
    }
    return new Pair("shifted", old, out.toByteArray());
  }

  /**
   * ELF-like code: an ELF header, then functions of skewed "opcode" bytes with 5-byte calls ({@code
   * E8} + little-endian rel32) to other functions. The new build edits some functions, inserts new
   * ones and moves others, so most calls' displacements change by the same shifts.
   */
  static Pair elfLike(long seed, int functions) {
    Random r = new Random(seed);
    List<Fn> fns = new ArrayList<>();
    for (int i = 0; i < functions; i++) {
      fns.add(Fn.random(r, functions));
    }
    byte[] old = link(fns);
    List<Fn> next = new ArrayList<>(fns);
    for (int e = 0; e < functions / 10 + 1; e++) {
      switch (r.nextInt(3)) {
        case 0 -> next.set(r.nextInt(next.size()), Fn.random(r, functions));
        case 1 -> next.add(r.nextInt(next.size() + 1), Fn.random(r, functions));
        default -> {
          Fn f = next.remove(r.nextInt(next.size()));
          next.add(r.nextInt(next.size() + 1), f);
        }
      }
    }
    return new Pair("elf", old, link(next));
  }

  /** A function body: opcode bytes, and the call sites with their callee's index. */
  private record Fn(byte[] body, int[] callAt, int[] callee) {
    static Fn random(Random r, int functions) {
      int len = 40 + r.nextInt(600);
      byte[] body = new byte[len];
      for (int i = 0; i < len; i++) {
        // Skewed like machine code: a few opcodes are very common.
        body[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : OPCODES[r.nextInt(OPCODES.length)]);
      }
      int calls = len / 60;
      int[] at = new int[calls];
      int[] to = new int[calls];
      for (int c = 0; c < calls; c++) {
        at[c] = (c * 60) + r.nextInt(50);
        to[c] = r.nextInt(functions);
        body[at[c]] = (byte) 0xE8;
      }
      return new Fn(body, at, to);
    }
  }

  private static final int[] OPCODES = {0x48, 0x89, 0x8B, 0x0F, 0x85, 0xC3, 0x00, 0xFF, 0x83, 0xE8};

  private static byte[] link(List<Fn> fns) {
    int[] start = new int[fns.size()];
    int at = 64;
    for (int i = 0; i < fns.size(); i++) {
      start[i] = at;
      at += fns.get(i).body().length;
    }
    byte[] out = new byte[at];
    byte[] magic = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0};
    System.arraycopy(magic, 0, out, 0, magic.length);
    for (int i = 0; i < fns.size(); i++) {
      Fn f = fns.get(i);
      System.arraycopy(f.body(), 0, out, start[i], f.body().length);
      for (int c = 0; c < f.callAt().length; c++) {
        int site = start[i] + f.callAt()[c];
        int target = start[Math.min(f.callee()[c], fns.size() - 1)];
        int rel = target - (site + 5);
        for (int k = 0; k < 4; k++) {
          out[site + 1 + k] = (byte) (rel >>> (8 * k));
        }
      }
    }
    return out;
  }
}
