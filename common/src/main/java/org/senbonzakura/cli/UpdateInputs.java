/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.senbonzakura.update.DirectorySource;
import org.senbonzakura.update.EntryCodec;
import org.senbonzakura.update.Hashes;
import org.senbonzakura.update.MarIo;
import org.senbonzakura.update.MarSource;
import org.senbonzakura.update.TreeSource;

/** Opens a FROM/TO argument (directory or complete MAR) and describes it for Balrog. */
final class UpdateInputs {
  private UpdateInputs() {}

  /** One opened tree plus what the summary needs about it. */
  record Input(TreeSource source, Path path, boolean isMar) {
    /** SHA-512, size, build ID and version, as Balrog's {@code from}/{@code to} want them. */
    Map<String, Object> describe() throws IOException {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", path.toString());
      if (isMar) {
        m.put("sha512", Hashes.sha512(path));
        m.put("size", Files.size(path));
      } else {
        m.put("sha512", null);
        m.put("size", null);
      }
      Map<String, String> app = applicationIni(source);
      m.put("buildID", app.get("BuildID"));
      String version = app.get("Version");
      if (version == null && source instanceof MarSource ms) {
        version = ms.productInfo().version();
      }
      m.put("version", version);
      return m;
    }
  }

  /** Opens one FROM or TO argument on its own: a directory, or a complete MAR read on demand. */
  static Input open(Path p, EntryCodec codec, MarIo marIo) throws IOException {
    if (Files.isDirectory(p)) {
      return new Input(DirectorySource.scan(p), p, false);
    }
    return new Input(new MarSource(marIo.index(mar(p)), codec), p, true);
  }

  /** A partial's two inputs; closing them deletes what the MAR sources kept on disk. */
  record Both(Input from, Input to) implements Closeable {
    /** Closes both MAR sources, the second even if the first fails. */
    @Override
    public void close() throws IOException {
      IOException failed = null;
      for (Input i : List.of(from, to)) {
        if (i.source() instanceof MarSource m) {
          try {
            m.close();
          } catch (IOException e) {
            if (failed == null) {
              failed = e;
            } else {
              failed.addSuppressed(e);
            }
          }
        }
      }
      if (failed != null) {
        throw failed;
      }
    }
  }

  /**
   * Opens a partial's FROM and TO. Two complete MARs are {@linkplain MarSource#pair opened
   * together}, so entries stored alike in both are neither decoded nor hashed, except those the
   * partial ships even when unchanged ({@code hashAnyway}).
   */
  static Both openBoth(
      Path from, Path to, EntryCodec codec, MarIo marIo, Predicate<String> hashAnyway)
      throws IOException {
    if (Files.isDirectory(from) || Files.isDirectory(to)) {
      Input f = open(from, codec, marIo);
      try {
        return new Both(f, open(to, codec, marIo));
      } catch (IOException | RuntimeException e) {
        if (f.source() instanceof MarSource m) {
          try {
            m.close(); // what FROM kept on disk
          } catch (IOException c) {
            e.addSuppressed(c); // TO's error is the one to report
          }
        }
        throw e;
      }
    }
    MarSource.Pair pair =
        MarSource.pair(marIo.index(mar(from)), marIo.index(mar(to)), codec, hashAnyway);
    return new Both(new Input(pair.from(), from, true), new Input(pair.to(), to, true));
  }

  private static Path mar(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      throw new IOException(p + " is neither a directory nor a MAR file");
    }
    return p;
  }

  /** The {@code [App]} section of {@code application.ini} (root, or macOS Resources). */
  static Map<String, String> applicationIni(TreeSource t) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : new String[] {"application.ini", "Contents/Resources/application.ini"}) {
      if (t.listing().byPath().containsKey(p)) {
        boolean inApp = false;
        for (String line : new String(t.read(p), StandardCharsets.UTF_8).split("\r?\n")) {
          String s = line.trim();
          if (s.startsWith("[")) {
            inApp = s.equals("[App]");
          } else if (inApp && s.contains("=") && !s.startsWith(";") && !s.startsWith("#")) {
            int eq = s.indexOf('=');
            out.putIfAbsent(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
          }
        }
        break;
      }
    }
    return out;
  }
}
