/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.senbonzakura.update.Applier;
import org.senbonzakura.update.MarUpdateContents;
import org.senbonzakura.update.UpdateTools;

/**
 * {@code sbz apply UPDATE.mar --to DIR}: applies a partial or complete MAR with the updater's
 * rules, all or nothing (the work happens in a staged copy).
 */
public final class ApplyCommand implements Command {
  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = Args.parse(argv, Set.of(), Set.of("--to"));
    Path mar = Path.of(a.positionals(1, 1).get(0));
    Path dir = Path.of(a.require("--to"));
    new Applier(UpdateTools.patcher())
        .applyTo(dir, new MarUpdateContents(UpdateTools.marIo().read(mar), UpdateTools.codec()));
    err.println("sbz apply: " + mar + " applied to " + dir);
    return 0;
  }

  @Override
  public String usage() {
    return "usage: sbz apply UPDATE.mar --to INSTALL_DIR\n"
        + "  applies a partial or complete MAR with Mozilla's updater rules; the\n"
        + "  directory is changed only if every action succeeds";
  }
}
