/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.senbonzakura.compress.EntryCodecs;
import org.senbonzakura.mar.MarException;
import org.senbonzakura.mar.MarWriteOptions;
import org.senbonzakura.mar.MarWriter;
import org.senbonzakura.update.TargetArch;

/**
 * {@code sbz mar create}: compresses files the way Mozilla's packaging scripts do and packs them
 * like {@code mar -c}. Each entry is compressed to a temporary file and streamed into the MAR, so
 * memory use does not grow with file size.
 */
final class MarCreateCommand {
  private MarCreateCommand() {}

  static int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a =
        Args.parse(argv, Set.of("--legacy", "--old-layout"), Set.of("-H", "-V", "--arch", "-C"));
    List<String> p = a.positionals(2, Integer.MAX_VALUE);
    Path outFile = Path.of(p.get(0)).toAbsolutePath();
    Path base = Path.of(a.get("-C", ".")).toAbsolutePath().normalize();
    boolean bzip2 = a.has("--legacy");
    boolean x86 = TargetArch.parse(a.get("--arch", TargetArch.DEFAULT.mozillaName())).bcj();
    MarWriteOptions options;
    if (a.has("--old-layout")) {
      if (a.get("-H", null) != null || a.get("-V", null) != null) {
        throw new UsageException("--old-layout has no product information; drop -H and -V");
      }
      options = MarWriteOptions.legacy();
    } else {
      try {
        options = MarWriteOptions.of(a.require("-H"), a.require("-V"));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    List<String> names = new ArrayList<>();
    for (String f : p.subList(1, p.size())) {
      collect(base, f, names);
    }
    Path tmpDir = outFile.getParent();
    Path tmp = Files.createTempFile(tmpDir, ".sbz-create", ".mar");
    Path entryTmp = Files.createTempFile(tmpDir, ".sbz-entry", ".tmp");
    try {
      try (MarWriter w = MarWriter.create(tmp, options)) {
        for (String name : names) {
          Path src = base.resolve(name);
          try (InputStream in = Files.newInputStream(src);
              OutputStream o = Files.newOutputStream(entryTmp)) {
            if (bzip2) {
              EntryCodecs.compressBzip2(in, o);
            } else {
              EntryCodecs.compressXz(in, o, x86);
            }
          }
          int mode = Files.isExecutable(src) ? 0755 : 0644;
          try (InputStream c = Files.newInputStream(entryTmp)) {
            w.addEntry(name, mode, c, Files.size(entryTmp));
          }
        }
        w.finish();
      }
      Files.move(tmp, outFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
      Files.deleteIfExists(entryTmp);
    }
    err.println("created " + outFile + " with " + names.size() + " entries");
    return 0;
  }

  /** Adds {@code rel} (a file, or every file below a directory, sorted) as entry names. */
  private static void collect(Path base, String rel, List<String> names) throws IOException {
    Path p = base.resolve(rel).normalize();
    if (!p.startsWith(base) || p.equals(base) && !Files.isDirectory(p)) {
      throw new MarException(rel + " is not inside " + base);
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      List<Path> files;
      try (Stream<Path> s = Files.walk(p)) {
        files = s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
      }
      for (Path f : files) {
        names.add(entryName(base.relativize(f)));
      }
    } else if (Files.isRegularFile(p)) {
      names.add(entryName(base.relativize(p)));
    } else {
      throw new MarException(p + ": no such file");
    }
  }

  private static String entryName(Path relative) {
    return relative.normalize().toString().replace(java.io.File.separatorChar, '/');
  }
}
