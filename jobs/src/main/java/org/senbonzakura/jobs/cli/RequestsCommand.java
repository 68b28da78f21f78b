/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import org.senbonzakura.cli.Args;
import org.senbonzakura.cli.Command;
import org.senbonzakura.cli.UsageException;
import org.senbonzakura.jobs.storage.Digests;

/**
 * {@code sbz requests}: writes a requests CSV for one FROM/TO pair of complete MARs and a list of
 * locales, with {@code file:} URLs and the MARs' SHA-512s: the example input of the README.
 */
final class RequestsCommand implements Command {
  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a =
        Args.parse(
            argv,
            Set.of(),
            Set.of(
                "--from",
                "--to",
                "--out",
                "--locales",
                "--product",
                "--platform",
                "--from-version",
                "--to-version",
                "--channel"));
    a.positionals(0, 0);
    Path from = Path.of(a.require("--from")).toAbsolutePath().normalize();
    Path to = Path.of(a.require("--to")).toAbsolutePath().normalize();
    for (Path p : List.of(from, to)) {
      if (!Files.isRegularFile(p)) {
        throw new UsageException("not a file: " + p);
      }
    }
    StringBuilder csv =
        new StringBuilder(
            "product,platform,locale,from_version,to_version,from_url,to_url,from_sha512,to_sha512,channel,format,forced_files\n");
    String fromSha = sha512(from);
    String toSha = sha512(to);
    for (String locale : a.get("--locales", "en-US").split(",")) {
      csv.append(
              String.join(
                  ",",
                  a.get("--product", "firefox"),
                  a.get("--platform", "linux-x86_64"),
                  locale.trim(),
                  a.get("--from-version", "1.0"),
                  a.get("--to-version", "2.0"),
                  from.toUri().toString(),
                  to.toUri().toString(),
                  fromSha,
                  toSha,
                  a.get("--channel", "release"),
                  "current",
                  ""))
          .append('\n');
    }
    Path dest = Path.of(a.require("--out"));
    Files.writeString(dest, csv.toString(), StandardCharsets.UTF_8);
    err.println("sbz requests: wrote " + dest);
    return 0;
  }

  private static String sha512(Path p) throws java.io.IOException {
    MessageDigest md = Digests.sha512();
    try (InputStream in = Files.newInputStream(p)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return Digests.hex(md.digest());
  }

  @Override
  public String usage() {
    return "usage: sbz requests --from FROM.mar --to TO.mar --out FILE.csv [--locales a,b,...]\n"
        + "       [--product P] [--platform P] [--from-version V] [--to-version V] [--channel C]\n"
        + "  writes an example requests table (file: URLs, SHA-512s computed)";
  }
}
