/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.senbonzakura.update.Progress;

class TerminalProgressTest {
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);

  @Test
  void silentUnlessATerminalOrForced() {
    assertSame(Progress.NONE, TerminalProgress.choose(err, false, null));
    assertSame(Progress.NONE, TerminalProgress.choose(err, true, "0"));
    assertTrue(TerminalProgress.choose(err, false, "1") instanceof TerminalProgress);
    assertTrue(TerminalProgress.choose(err, true, null) instanceof TerminalProgress);
  }

  @Test
  void showsPhaseFileAndBytesAndEndsEachPhaseWithANewline() {
    AtomicLong now = new AtomicLong();
    TerminalProgress p = new TerminalProgress(err, now::get);
    p.update("diff", 0, 3);
    now.addAndGet(1_000_000_000L);
    p.bytes("diff", "libxul.so", 50_000_000, 200_000_000);
    String shown = buf.toString(StandardCharsets.UTF_8);
    assertTrue(shown.endsWith("\rsbz diff: 0/3, 50.0 MB of 200.0 MB (25 %), libxul.so"), shown);
    p.bytes("diff", "omni.ja", 60_000_000, 200_000_000); // within 200 ms: not redrawn
    assertEquals(shown, buf.toString(StandardCharsets.UTF_8));
    p.update("diff", 3, 3); // the end of a phase is always drawn, then the line is closed
    String end = buf.toString(StandardCharsets.UTF_8);
    // the shorter line is padded over the longer one it replaces, then closed
    assertTrue(end.matches("(?s).*\\rsbz diff: 3/3, 60\\.0 MB of 200\\.0 MB \\(30 %\\) +\n"), end);
  }
}
