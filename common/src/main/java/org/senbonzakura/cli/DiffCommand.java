/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.senbonzakura.mbdiff.DiffOptions;
import org.senbonzakura.mbdiff.MbDiff;
import org.senbonzakura.mbdiff.MbDiffHeader;

/** {@code sbz diff OLD NEW PATCH}: writes a raw MBDIFF10 patch, like Mozilla's mbsdiff. */
public final class DiffCommand implements Command {
  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = Args.parse(argv, Set.of("--exact", "--fast", "--verbose"), Set.of("--threads"));
    List<String> p = a.positionals(3, 3);
    if (a.has("--exact") && a.has("--fast")) {
      throw new UsageException("--exact and --fast exclude each other");
    }
    DiffOptions opts = a.has("--fast") ? DiffOptions.fast() : DiffOptions.exact();
    if (a.has("--verbose")) {
      opts = opts.withLog(m -> err.println("sbz diff: " + m));
    }
    String threads = a.get("--threads", null);
    if (threads != null) {
      int n;
      try {
        n = Integer.parseInt(threads);
      } catch (NumberFormatException e) {
        throw new UsageException("--threads needs a positive number, got '" + threads + "'");
      }
      if (n < 1) {
        throw new UsageException("--threads needs a positive number, got '" + threads + "'");
      }
      opts = opts.withThreads(n);
    }
    MbDiffHeader h = MbDiff.diff(Path.of(p.get(0)), Path.of(p.get(1)), Path.of(p.get(2)), opts);
    err.println(
        "sbz diff: "
            + p.get(2)
            + ": "
            + h.patchLength()
            + " bytes ("
            + h.controlLength / 12
            + " triples, diff "
            + h.diffLength
            + ", extra "
            + h.extraLength
            + ")");
    return 0;
  }

  @Override
  public String usage() {
    return "usage: sbz diff OLD NEW PATCH [--exact|--fast] [--threads N]\n"
        + "  writes a raw MBDIFF10 patch from OLD to NEW.\n"
        + "  --exact  byte-identical to Mozilla's mbsdiff (default)\n"
        + "  --fast   parallel chunked scan: valid MBDIFF10, deterministic, slightly larger\n"
        + "  --threads N  worker threads (default: all cores)\n"
        + "  --verbose    print the time of each phase";
  }
}
