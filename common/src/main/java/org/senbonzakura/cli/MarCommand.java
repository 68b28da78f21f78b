/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.PrintStream;
import java.util.List;
import org.senbonzakura.update.TargetArch;

/**
 * {@code sbz mar}: list, extract, create, sign, verify, strip and move signatures of MAR files,
 * like Mozilla's {@code mar}/{@code signmar}, with strict validation and JSON output.
 */
public final class MarCommand implements Command {
  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    if (args.isEmpty()) {
      throw new UsageException("missing subcommand");
    }
    List<String> rest = args.subList(1, args.size());
    return switch (args.get(0)) {
      case "list" -> MarReadCommands.list(rest, out);
      case "extract" -> MarReadCommands.extract(rest, out);
      case "verify" -> MarSignCommands.verify(rest, out);
      case "create" -> MarCreateCommand.run(rest, out, err);
      case "sign" -> MarSignCommands.sign(rest, out);
      case "strip" -> MarSignCommands.strip(rest, out);
      case "signature" -> MarSignCommands.signature(rest, out);
      default -> throw new UsageException("unknown mar subcommand '" + args.get(0) + "'");
    };
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: sbz mar SUBCOMMAND ...",
        "  list [-T|--detailed] [--json] MAR",
        "      entries (size, mode, name); -T adds signatures and product information",
        "  extract [-C DIR] [--raw] [--limit BYTES] [--json] MAR",
        "      decompresses every entry into DIR (default .); --raw keeps stored bytes",
        "  create -H CHANNEL -V VERSION [--arch ARCH] [--legacy] [--old-layout] [-C DIR] OUT FILES...",
        "      xz-compresses FILES (relative to DIR or the current directory; directories",
        "      recurse) like Mozilla's scripts; ARCH: " + TargetArch.help() + ";",
        "      --legacy uses bzip2 -9 (updaters before Firefox 56); --old-layout writes",
        "      the layout without signature block (no -H/-V)",
        "  sign --key PRIVATE.pem [--key ...] IN OUT",
        "      2048-bit keys sign RSA-PKCS1-SHA1 (id 1), 4096-bit RSA-PKCS1-SHA384 (id 2)",
        "  verify --key KEY [--key ...] [--json] MAR",
        "      KEY: PEM/DER public key or X.509 certificate; exit 0 only if every",
        "      signature verified",
        "  strip IN OUT                          removes all signatures",
        "  signature export [-n I] MAR [OUT.b64] base64 of signature I (default 0)",
        "  signature import [-n I] IN SIG.b64 OUT replaces signature I (same length)");
  }
}
