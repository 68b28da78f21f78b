/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.senbonzakura.mar.ProductInfo;
import org.senbonzakura.update.EntryCodec;
import org.senbonzakura.update.EntryCompression;
import org.senbonzakura.update.FileDecision;
import org.senbonzakura.update.MarIo;
import org.senbonzakura.update.MarSource;
import org.senbonzakura.update.MbdiffFileDiffer;
import org.senbonzakura.update.PartialBuilder;
import org.senbonzakura.update.PartialPlanner;
import org.senbonzakura.update.PatchCache;
import org.senbonzakura.update.PlanOptions;
import org.senbonzakura.update.TargetArch;
import org.senbonzakura.update.UpdateException;
import org.senbonzakura.update.UpdateFormat;
import org.senbonzakura.update.UpdateTools;

/**
 * {@code sbz partial FROM TO -o OUT}: one partial MAR, as {@code make_incremental_update.sh} would
 * make it, verified by applying it before it is written.
 */
public final class PartialCommand implements Command {
  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a =
        Args.parse(
            argv,
            Set.of("--exact", "--fast", "--json", "--no-verify", "--early-verdict"),
            Set.of("-o", "--cache-dir", "-H", "-V", "--arch", "--format", "-f", "--threads"));
    List<String> p = a.positionals(2, 2);
    Path output = Path.of(a.require("-o"));
    if (a.has("--exact") && a.has("--fast")) {
      throw new UsageException("--exact and --fast exclude each other");
    }
    UpdateFormat format = format(a);
    int threads = CompleteCommand.threads(a);
    EntryCodec codec = UpdateTools.codec();
    MarIo marIo = UpdateTools.marIo();

    PlanOptions planOptions = new PlanOptions(a.all("-f"), format);
    long t0 = System.nanoTime();
    try (UpdateInputs.Both inputs =
        UpdateInputs.openBoth(
            Path.of(p.get(0)),
            Path.of(p.get(1)),
            codec,
            marIo,
            path -> PartialPlanner.shippedEvenIfUnchanged(path, planOptions))) {
      UpdateInputs.Input from = inputs.from();
      UpdateInputs.Input to = inputs.to();
      long loadMs = (System.nanoTime() - t0) / 1_000_000;

      ProductInfo pib = productInfo(a, to);
      EntryCompression compression = compression(a, format, to);
      PatchCache cache =
          a.get("--cache-dir", null) == null
              ? null
              : new PatchCache(Path.of(a.get("--cache-dir", null)));
      PartialBuilder.Options options =
          new PartialBuilder.Options(
              planOptions,
              compression,
              !a.has("--no-verify"),
              cache,
              a.has("--fast"),
              threads,
              TerminalProgress.forStderr(err));
      PartialBuilder builder =
          new PartialBuilder(
              codec,
              (a.has("--fast") ? MbdiffFileDiffer.fast() : MbdiffFileDiffer.exact())
                  .withEarlyVerdict(a.has("--early-verdict")),
              marIo,
              UpdateTools.patcher());
      PartialBuilder.Result r = builder.build(from.source(), to.source(), pib, output, options);

      Map<String, Long> phases = new LinkedHashMap<>();
      phases.put("load", loadMs);
      phases.putAll(r.phaseMillis());
      if (a.has("--json")) {
        out.println(Json.write(summary(from, to, pib, output, r, phases)));
      } else {
        err.println(
            "sbz partial: "
                + output
                + ": "
                + r.size()
                + " bytes, "
                + r.plan().entries().size()
                + " entries"
                + (options.verify() ? ", verified" : ", NOT verified")
                + " "
                + phases);
      }
      return 0;
    }
  }

  static UpdateFormat format(Args a) throws UsageException {
    try {
      return UpdateFormat.parse(a.get("--format", "current"));
    } catch (UpdateException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static ProductInfo productInfo(Args a, UpdateInputs.Input to) throws UsageException {
    String channel = a.get("-H", null);
    String version = a.get("-V", null);
    if (to.source() instanceof MarSource ms) {
      channel = channel == null ? ms.productInfo().channel() : channel;
      version = version == null ? ms.productInfo().version() : version;
    }
    if (channel == null || version == null) {
      throw new UsageException("with a TO directory, -H CHANNEL and -V VERSION are required");
    }
    return new ProductInfo(channel, version);
  }

  /**
   * Entry compression: bzip2 for legacy; otherwise xz, with x86 BCJ per {@code --arch}, or, with a
   * TO complete MAR and no {@code --arch}, as the TO MAR's own entries are (else {@link
   * TargetArch#DEFAULT}).
   */
  private static EntryCompression compression(Args a, UpdateFormat format, UpdateInputs.Input to)
      throws UpdateException {
    String arch = a.get("--arch", null);
    if (arch != null || format == UpdateFormat.LEGACY) {
      return EntryCompression.of(format, arch == null ? TargetArch.DEFAULT.mozillaName() : arch);
    }
    if (to.source() instanceof MarSource ms) {
      EntryCompression noBcj = new EntryCompression(true, false);
      for (var f : ms.listing().files()) {
        if (ms.storedEntryLength(f.path(), noBcj) >= 0) {
          return noBcj;
        }
      }
    }
    return EntryCompression.of(format, TargetArch.DEFAULT.mozillaName());
  }

  private static Map<String, Object> summary(
      UpdateInputs.Input from,
      UpdateInputs.Input to,
      ProductInfo pib,
      Path output,
      PartialBuilder.Result r,
      Map<String, Long> phases)
      throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", from.describe());
    m.put("to", to.describe());
    m.put("channel", pib.channel());
    m.put("appVersion", pib.version());
    Map<String, Object> partial = new LinkedHashMap<>();
    partial.put("path", output.toString());
    partial.put("hashFunction", "sha512");
    partial.put("hashValue", r.sha512());
    partial.put("filesize", r.size());
    m.put("partial", partial);
    List<Object> files = new ArrayList<>();
    for (FileDecision d : r.plan().decisions()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("path", d.path());
      f.put("action", d.action().token());
      f.put("reason", d.reason().token());
      if (d.patchSize() >= 0) {
        f.put("patchSize", d.patchSize());
      }
      if (d.fullSize() >= 0) {
        f.put("fullSize", d.fullSize());
      }
      files.add(f);
    }
    m.put("files", files);
    m.put("phaseMillis", phases);
    return m;
  }

  @Override
  public String usage() {
    return "usage: sbz partial FROM TO -o OUT [--exact|--fast] [--cache-dir DIR] [--json]\n"
        + "         [--no-verify] [-H CHANNEL -V VERSION] [--arch ARCH]\n"
        + "         [--format current|legacy] [-f FORCED]... [--threads N]\n"
        + "  FROM and TO are complete MARs or unpacked installation directories.\n"
        + "  With directories, -H and -V give the MAR channel and product version;\n"
        + "  with MARs they come from the TO MAR.\n"
        + "  --exact       patches byte-identical to Mozilla's mbsdiff (default)\n"
        + "  --fast        parallel chunked diff, and big xz entries compressed as parallel\n"
        + "                blocks (patches 48, files 24 MiB), patches with a deeper xz match\n"
        + "                search (nice=96): valid for the updater, deterministic\n"
        + "  --cache-dir   local content-addressed cache of compressed patches and files\n"
        + "  --json        print a Balrog-ready summary on stdout\n"
        + "  --no-verify   skip applying the partial to FROM and comparing with TO\n"
        + "  --early-verdict  skip a big file's diff when a sampled estimate is sure the\n"
        + "                full file wins (off by default; see docs/mbdiff.md)\n"
        + "  --arch        "
        + TargetArch.help()
        + "\n"
        + "                (without --arch: like the TO MAR's entries, else "
        + TargetArch.DEFAULT.mozillaName()
        + ")\n"
        + "  --format      legacy = bzip2 entries + updatev2.manifest (pre-Firefox 56)\n"
        + "  -f FILE       also ship FILE whole (repeatable)";
  }
}
