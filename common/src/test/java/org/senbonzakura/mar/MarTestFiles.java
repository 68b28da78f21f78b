/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locations of the shared test data, and small helpers to build MARs in memory. */
public final class MarTestFiles {
  private MarTestFiles() {}

  /** The shared data directory (system property {@code sbz.shared}). */
  public static Path shared() {
    String s = System.getProperty("sbz.shared");
    if (s == null) {
      throw new IllegalStateException("system property sbz.shared is not set");
    }
    return Path.of(s);
  }

  public static Path mardor(String name) {
    return shared().resolve("testdata/mardor").resolve(name);
  }

  public static Path golden(String name) {
    return shared().resolve("golden/partial-small").resolve(name);
  }

  /** The golden MARs of partial-small, sorted by name. */
  public static List<Path> goldenMars() throws IOException {
    try (Stream<Path> s = Files.list(shared().resolve("golden/partial-small"))) {
      return s.filter(p -> p.toString().endsWith(".mar")).sorted().toList();
    }
  }

  /** Opens a MAR held in memory. */
  public static MarReader open(byte[] mar) throws IOException {
    return MarReader.open(new ByteArrayChannel(mar), mar.length, MarReadOptions.DEFAULTS);
  }

  /** Reads an entry's raw bytes. */
  public static byte[] raw(MarReader r, MarEntry e) throws IOException {
    try (InputStream in = r.openRaw(e)) {
      return in.readAllBytes();
    }
  }

  /** Reads an entry's decoded bytes. */
  public static byte[] decoded(MarReader r, MarEntry e) throws IOException {
    try (InputStream in = r.openDecoded(e, 1L << 30)) {
      return in.readAllBytes();
    }
  }
}
