/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * Benchmark (not a test): the exact greedy scan over the new file as a byte[] and as a mapping
 * ({@link NewBytes}), alternately in one JVM against one suffix index, so that the ratio is a
 * same-run figure. Run by bench/mbdiff/scan.sh; prints each scan's thread CPU time and the
 * mapped / byte[] ratio per round.
 */
public final class ScanBench {
  private ScanBench() {}

  public static void main(String[] a) throws Exception {
    Path oldPath = Paths.get(a[0]);
    Path newPath = Paths.get(a[1]);
    int rounds = Integer.parseInt(a[2]);
    long off = a.length > 4 ? Long.parseLong(a[3]) << 20 : 0;
    int len = a.length > 4 ? Integer.parseInt(a[4]) << 20 : 0;
    byte[] old = len == 0 ? Files.readAllBytes(oldPath) : slice(oldPath, off, len);
    byte[] neu = len == 0 ? Files.readAllBytes(newPath) : slice(newPath, off, len);
    Path copy = Files.createTempFile("sbz-scanbench", ".new");
    copy.toFile().deleteOnExit();
    Files.write(copy, neu);
    NewBytes array = NewBytes.of(neu);
    NewBytes mapped;
    try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.READ)) {
      mapped = NewBytes.map(ch);
    }
    ThreadMXBean tm = ManagementFactory.getThreadMXBean();
    long c0 = tm.getCurrentThreadCpuTime();
    SuffixIndex index = SuffixIndex.of(old);
    System.out.printf("sort: cpu %.1f s (%d bytes)%n", (tm.getCurrentThreadCpuTime() - c0) / 1e9, old.length);
    for (int r = 0; r < rounds; r++) {
      double[] cpu = new double[2];
      for (int k = 0; k < 2; k++) {
        int which = (k + r) % 2; // alternate which goes first
        NewBytes nb = which == 0 ? array : mapped;
        long t0 = tm.getCurrentThreadCpuTime();
        GreedyScan.Range range = new GreedyScan(index, nb).scan(0, neu.length, 0);
        cpu[which] = (tm.getCurrentThreadCpuTime() - t0) / 1e9;
        System.out.printf(
            "round %d %-6s scan: cpu %.2f s (%d triples)%n",
            r, which == 0 ? "byte[]" : "mapped", cpu[which], range.triples.size());
      }
      System.out.printf("round %d mapped/byte[] = %.3f%n", r, cpu[1] / cpu[0]);
    }
  }

  private static byte[] slice(Path f, long off, int len) throws Exception {
    try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "r")) {
      byte[] b = new byte[len];
      r.seek(off);
      r.readFully(b);
      return b;
    }
  }
}
