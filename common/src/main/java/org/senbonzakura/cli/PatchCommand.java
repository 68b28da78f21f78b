/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.senbonzakura.mbdiff.MbPatch;

/** {@code sbz patch OLD PATCH NEW}: applies a raw MBDIFF10 patch with the updater's checks. */
public final class PatchCommand implements Command {
  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = Args.parse(argv, Set.of(), Set.of());
    List<String> p = a.positionals(3, 3);
    MbPatch.apply(Path.of(p.get(0)), Path.of(p.get(1)), Path.of(p.get(2)));
    return 0;
  }

  @Override
  public String usage() {
    return "usage: sbz patch OLD PATCH NEW\n"
        + "  applies a raw MBDIFF10 patch to OLD, writing NEW; refuses any patch the\n"
        + "  Firefox updater would refuse (tag, lengths, source size and CRC, triple bounds).";
  }
}
