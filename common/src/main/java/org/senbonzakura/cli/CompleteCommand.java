/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.senbonzakura.mar.ProductInfo;
import org.senbonzakura.update.CompleteBuilder;
import org.senbonzakura.update.DirectorySource;
import org.senbonzakura.update.EntryCompression;
import org.senbonzakura.update.ReusableEntries;
import org.senbonzakura.update.TargetArch;
import org.senbonzakura.update.UpdateFormat;
import org.senbonzakura.update.UpdateTools;

/** {@code sbz complete DIR -o OUT}: a complete MAR, as {@code make_full_update.sh} makes it. */
public final class CompleteCommand implements Command {
  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a =
        Args.parse(
            argv,
            Set.of("--write-precomplete", "--single-block"),
            Set.of("-o", "-H", "-V", "--arch", "--format", "--threads", "--reuse"));
    Path dir = Path.of(a.positionals(1, 1).get(0));
    Path output = Path.of(a.require("-o"));
    ProductInfo pib = new ProductInfo(a.require("-H"), a.require("-V"));
    UpdateFormat format = PartialCommand.format(a);
    EntryCompression c =
        EntryCompression.of(format, a.get("--arch", TargetArch.DEFAULT.mozillaName()));
    long t0 = System.nanoTime();
    DirectorySource tree = DirectorySource.scan(dir);
    long scanMs = (System.nanoTime() - t0) / 1_000_000;
    String base = a.get("--reuse", null);
    Map<String, byte[]> reused =
        base == null ? Map.of() : ReusableEntries.from(Path.of(base), tree.listing(), c);
    CompleteBuilder.Result r =
        new CompleteBuilder(UpdateTools.codec(), UpdateTools.marIo())
            .build(
                tree,
                pib,
                output,
                format,
                c,
                a.has("--write-precomplete"),
                !a.has("--single-block"),
                threads(a),
                TerminalProgress.forStderr(err),
                reused);
    err.println(
        "sbz complete: "
            + output
            + ": "
            + r.size()
            + " bytes, "
            + r.plan().entries().size()
            + " files ("
            + reused.size()
            + " reused), scan="
            + scanMs
            + "ms "
            + r.phaseMillis());
    return 0;
  }

  static int threads(Args a) throws UsageException {
    String s = a.get("--threads", null);
    if (s == null) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int n = Integer.parseInt(s);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new UsageException("--threads needs a positive number, got '" + s + "'");
  }

  @Override
  public String usage() {
    return "usage: sbz complete DIR -o OUT -H CHANNEL -V VERSION [--arch ARCH]\n"
        + "         [--write-precomplete] [--format current|legacy] [--threads N]\n         [--reuse BASE.mar]\n"
        + "  --write-precomplete  generate precomplete (createprecomplete.py's rules) into\n"
        + "                       the MAR; DIR itself is not modified\n"
        + "  --arch               "
        + TargetArch.help()
        + "\n"
        + "  --single-block       one xz block per file, as XZ Utils -T1 writes (default: files\n"
        + "                       over 24 MiB become parallel 24 MiB blocks, like xz -T0)\n"
        + "  --reuse BASE.mar     take BASE's compressed entry for every file whose bytes are\n"
        + "                       unchanged (locale repacks of one build) instead of compressing";
  }
}
