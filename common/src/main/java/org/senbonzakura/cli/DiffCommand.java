/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.senbonzakura.mbdiff.DiffOptions;
import org.senbonzakura.mbdiff.EarlyVerdict;
import org.senbonzakura.mbdiff.MbDiff;
import org.senbonzakura.mbdiff.MbDiffHeader;

/** {@code sbz diff OLD NEW PATCH}: writes a raw MBDIFF10 patch, like Mozilla's mbsdiff. */
public final class DiffCommand implements Command {
  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a =
        Args.parse(
            argv,
            Set.of("--exact", "--fast", "--verbose", "--x86"),
            Set.of("--threads", "--estimate"));
    if (a.get("--estimate", null) != null) {
      return estimate(a, out);
    }
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

  /** {@code sbz diff OLD NEW --estimate FULL_XZ_BYTES [--x86]}: the early verdict only. */
  private static int estimate(Args a, PrintStream out) throws Exception {
    List<String> p = a.positionals(2, 2);
    long fullXz;
    try {
      fullXz = Long.parseLong(a.get("--estimate", ""));
    } catch (NumberFormatException e) {
      throw new UsageException("--estimate needs the full file's xz size in bytes");
    }
    byte[] old = Files.readAllBytes(Path.of(p.get(0)));
    byte[] neu = Files.readAllBytes(Path.of(p.get(1)));
    out.println(EarlyVerdict.estimate(old, neu, fullXz, a.has("--x86")));
    return 0;
  }

  @Override
  public String usage() {
    return "usage: sbz diff OLD NEW PATCH [--exact|--fast] [--threads N] [--verbose]\n"
        + "       sbz diff OLD NEW --estimate FULL_XZ_BYTES [--x86]\n"
        + "  writes a raw MBDIFF10 patch from OLD to NEW.\n"
        + "  --exact  byte-identical to Mozilla's mbsdiff (default)\n"
        + "  --fast   parallel chunked scan: valid MBDIFF10, deterministic, slightly larger\n"
        + "  --threads N  worker threads (default: all cores)\n"
        + "  --verbose    print the time of each phase\n"
        + "  --estimate B early verdict only: will a patch beat the full file, whose xz\n"
        + "               size is B bytes (--x86: that xz used the x86 BCJ filter)?";
  }
}
