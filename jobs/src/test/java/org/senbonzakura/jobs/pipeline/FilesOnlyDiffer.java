/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import org.senbonzakura.update.FileDiffer;
import org.senbonzakura.update.MbdiffFileDiffer;

/**
 * Fast mode that refuses to diff a big pair on the heap: a caller that should have used the file
 * API for it fails, so a test can tell which path the executors took.
 */
public final class FilesOnlyDiffer implements FileDiffer {
  private final MbdiffFileDiffer fast = MbdiffFileDiffer.fast();

  @Override
  public byte[] diff(byte[] old, byte[] neu, long fullSizeToBeat) throws IOException {
    if (Math.max(old.length, neu.length) >= FILE_API_AT_LEAST) {
      throw new IOException("a pair of " + neu.length + " bytes was diffed on the heap");
    }
    return fast.diff(old, neu, fullSizeToBeat);
  }

  @Override
  public boolean diff(Path old, Path neu, Path patch, long fullSizeToBeat) throws IOException {
    return fast.diff(old, neu, patch, fullSizeToBeat);
  }

  @Override
  public String cacheKey() {
    return "test-files-only";
  }
}
