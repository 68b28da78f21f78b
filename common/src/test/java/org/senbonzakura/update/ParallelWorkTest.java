/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ParallelWorkTest {
  /** Every progress call, as text, in the order the threads made them. */
  private static final class Recorder implements Progress {
    final List<String> units = Collections.synchronizedList(new ArrayList<>());
    final List<long[]> bytes = Collections.synchronizedList(new ArrayList<>());
    final Set<String> files = Collections.synchronizedSet(new TreeSet<>());

    @Override
    public void update(String phase, long done, long total) {
      units.add(phase + " " + done + "/" + total);
    }

    @Override
    public void bytes(String phase, String file, long done, long total) {
      bytes.add(new long[] {done, total});
      if (file != null) {
        files.add(file);
      }
    }
  }

  @Test
  void reportsEveryFileAndTheBytesDoneUpToTheTotal() throws IOException {
    List<ParallelWork.Job> jobs = new ArrayList<>();
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    long total = 0;
    for (int i = 0; i < 12; i++) {
      String name = "dir/file" + i;
      long weight = 1000L * (i + 1);
      total += weight;
      jobs.add(BlockJobs.job(name, weight, () -> ran.add(name)));
    }
    Recorder r = new Recorder();
    ParallelWork.run(jobs, 3, "diff", r);

    assertEquals(12, ran.size());
    Set<String> expected = new TreeSet<>();
    for (ParallelWork.Job j : jobs) {
      expected.add(j.file());
    }
    assertEquals(expected, r.files, "each job's file is shown when it starts");
    assertEquals("diff 0/12", r.units.get(0));
    assertTrue(r.units.contains("diff 12/12"), r.units.toString());
    long max = 0;
    for (long[] b : r.bytes) {
      assertEquals(total, b[1], "the total is the sum of the jobs' weights");
      assertTrue(b[0] >= 0 && b[0] <= total, "bytes done within [0, total]");
      max = Math.max(max, b[0]);
    }
    assertEquals(total, max, "all bytes are done at the end");
  }

  @Test
  void theBiggestJobStartsFirstAndAFailureIsRethrown() {
    List<String> started = Collections.synchronizedList(new ArrayList<>());
    List<ParallelWork.Job> jobs = new ArrayList<>();
    jobs.add(BlockJobs.job("small", 1, () -> started.add("small")));
    jobs.add(
        BlockJobs.job(
            "libxul.so",
            1_000_000,
            () -> {
              started.add("libxul.so");
              throw new IOException("disk full");
            }));
    IOException e =
        assertThrows(IOException.class, () -> ParallelWork.run(jobs, 1, "diff", Progress.NONE));
    assertEquals("disk full", e.getMessage());
    assertEquals("libxul.so", started.get(0));
  }
}
