/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
            Set.of("--threads", "--estimate", "--full-xz"));
    if (a.has("--exact") && a.has("--fast")) {
      throw new UsageException("--exact and --fast exclude each other");
    }
    DiffOptions opts = options(a, err);
    if (a.get("--estimate", null) != null) {
      return estimate(a, opts, out);
    }
    List<String> p = a.positionals(3, 3);
    String fullXz = a.get("--full-xz", null);
    MbDiffHeader h;
    if (fullXz == null) {
      h = MbDiff.diff(Path.of(p.get(0)), Path.of(p.get(1)), Path.of(p.get(2)), opts);
    } else {
      Path old = Path.of(p.get(0));
      Path neu = Path.of(p.get(1));
      Path tmp = Path.of(p.get(2) + ".part");
      try (OutputStream o = Files.newOutputStream(tmp)) {
        h = MbDiff.diffUnlessFullWins(old, neu, bytes(fullXz, "--full-xz"), filters(a), o, opts);
      }
      if (h == null) {
        Files.delete(tmp);
        err.println("sbz diff: the full file wins (early or in-scan verdict); no patch written");
        return 3;
      }
      Files.move(tmp, Path.of(p.get(2)), StandardCopyOption.REPLACE_EXISTING);
    }
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

  private static DiffOptions options(Args a, PrintStream err) throws UsageException {
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
    return opts;
  }

  private static long bytes(String v, String option) throws UsageException {
    try {
      long n = Long.parseLong(v);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(option + " needs the full file's xz size in bytes, got '" + v + "'");
  }

  private static EarlyVerdict.FullFilters filters(Args a) {
    return a.has("--x86") ? EarlyVerdict.FullFilters.X86_LZMA2 : EarlyVerdict.FullFilters.LZMA2;
  }

  /** {@code sbz diff OLD NEW --estimate FULL_XZ_BYTES [--x86]}: the early verdict only. */
  private static int estimate(Args a, DiffOptions opts, PrintStream out) throws Exception {
    List<String> p = a.positionals(2, 2);
    long fullXz = bytes(a.get("--estimate", ""), "--estimate");
    byte[] old = Files.readAllBytes(Path.of(p.get(0)));
    byte[] neu = Files.readAllBytes(Path.of(p.get(1)));
    if (neu.length < EarlyVerdict.MIN_SAMPLED) {
      out.println(EarlyVerdict.estimate(old, neu, fullXz, a.has("--x86")));
    } else {
      out.println(MbDiff.verdict(old, neu, fullXz, filters(a), opts));
    }
    return 0;
  }

  @Override
  public String usage() {
    return "usage: sbz diff OLD NEW PATCH [--exact|--fast] [--threads N] [--verbose]\n"
        + "                [--full-xz B [--x86]]\n"
        + "       sbz diff OLD NEW --estimate FULL_XZ_BYTES [--x86] [--exact|--fast]\n"
        + "  writes a raw MBDIFF10 patch from OLD to NEW.\n"
        + "  --exact  byte-identical to Mozilla's mbsdiff (default)\n"
        + "  --fast   k-gram match search on all cores: valid MBDIFF10, deterministic\n"
        + "           (never depends on --threads), patches about the size of --exact's\n"
        + "  --threads N  worker threads (default: all cores)\n"
        + "  --verbose    print the time of each phase\n"
        + "  --full-xz B  stop the diff (exit status 3, no patch) when the early verdict\n"
        + "               or the in-scan one (the patch's xz so far) shows that the patch\n"
        + "               cannot beat the full file, whose xz size is B bytes (--x86:\n"
        + "               that xz used the x86 BCJ filter)\n"
        + "  --estimate B early verdict only: the index, then the scan of "
        + EarlyVerdict.samplingDescription();
  }
}
