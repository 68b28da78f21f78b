/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.mar.MarEntry;
import org.senbonzakura.mar.MarReader;
import org.senbonzakura.mar.MarTestFiles;
import org.senbonzakura.update.TargetArch;

/**
 * Every architecture name gives the same x86 BCJ decision through every CLI entry point ({@code sbz
 * mar create}, {@code sbz complete}, {@code sbz partial}), and an unknown name is refused by each.
 * The expectation comes from spec §2.2's table (x86 and x86-64 targets get {@code --x86}, aarch64
 * and universal macOS do not), written here independently of {@link TargetArch}'s own flag.
 */
class TargetArchEntryPointsTest {
  /** X86 BCJ filter id in an xz block header. */
  private static final int FILTER_X86 = 0x04;

  /** LZMA2 filter id in an xz block header. */
  private static final int FILTER_LZMA2 = 0x21;

  /** Spec §2.2: which targets Mozilla gives {@code BCJ_OPTIONS=--x86}. */
  private static final Map<TargetArch, Boolean> SPEC =
      Map.of(
          TargetArch.X86, true,
          TargetArch.X86_64, true,
          TargetArch.AARCH64, false,
          TargetArch.MACOS_UNIVERSAL, false);

  @TempDir Path tmp;

  private record Run(int rc, String out, String err) {}

  private static Run sbz(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        Sbz.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The first filter of the first block of an xz stream, read from its block header. */
  private static int firstFilter(byte[] xz) {
    int p = 12; // stream header
    int flags = xz[p + 1] & 0xff;
    p += 2;
    if ((flags & 0x40) != 0) {
      p = skipVarint(xz, p);
    }
    if ((flags & 0x80) != 0) {
      p = skipVarint(xz, p);
    }
    return xz[p] & 0xff;
  }

  private static int skipVarint(byte[] b, int p) {
    while ((b[p] & 0x80) != 0) {
      p++;
    }
    return p + 1;
  }

  /** Asserts the first filter of the named entries of {@code mar}. */
  private static void assertFilter(Path mar, List<String> names, int filter, String label)
      throws IOException {
    try (MarReader r = MarReader.open(mar)) {
      for (String n : names) {
        MarEntry e = r.entry(n).orElseThrow(() -> new AssertionError(label + ": no entry " + n));
        assertEquals(filter, firstFilter(MarTestFiles.raw(r, e)), label + ": " + n);
      }
    }
  }

  private Path tree(String name, String appContent, boolean withNewFile) throws IOException {
    Path d = tmp.resolve(name);
    Files.createDirectories(d.resolve("bin"));
    Files.writeString(d.resolve("bin/app"), appContent);
    Files.writeString(d.resolve("precomplete"), "remove \"bin/app\"\n");
    if (withNewFile) {
      Files.writeString(d.resolve("bin/new.txt"), "a file only the new version has\n".repeat(50));
    }
    return d;
  }

  private static List<String> allNames() {
    List<String> names = new ArrayList<>();
    for (TargetArch a : TargetArch.values()) {
      for (String n : a.names()) {
        names.add(n);
        names.add(n.toUpperCase(Locale.ROOT));
      }
    }
    return names;
  }

  @Test
  void everyNameGivesTheSameBcjDecisionThroughEveryEntryPoint() throws Exception {
    Path from = tree("from", "old app\n".repeat(200), false);
    Path to = tree("to", "new app, rather different\n".repeat(200), true);
    int i = 0;
    for (TargetArch a : TargetArch.values()) {
      assertEquals(SPEC.get(a), a.bcj(), a + " disagrees with spec §2.2");
      int filter = SPEC.get(a) ? FILTER_X86 : FILTER_LZMA2;
      for (String name : a.names()) {
        for (String spelled : List.of(name, name.toUpperCase(Locale.ROOT))) {
          i++;
          Path created = tmp.resolve("c" + i + ".mar");
          Run c =
              sbz(
                  List.of(
                      "mar",
                      "create",
                      "-H",
                      "ch",
                      "-V",
                      "1.0",
                      "--arch",
                      spelled,
                      "-C",
                      to.toString(),
                      created.toString(),
                      "bin"));
          assertEquals(0, c.rc(), spelled + ": " + c.err());
          assertFilter(created, List.of("bin/app", "bin/new.txt"), filter, "mar create " + spelled);

          Path complete = tmp.resolve("k" + i + ".mar");
          Run k =
              sbz(
                  List.of(
                      "complete",
                      to.toString(),
                      "-o",
                      complete.toString(),
                      "-H",
                      "ch",
                      "-V",
                      "1.0",
                      "--arch",
                      spelled));
          assertEquals(0, k.rc(), spelled + ": " + k.err());
          assertFilter(
              complete,
              List.of("updatev3.manifest", "bin/app", "bin/new.txt"),
              filter,
              "complete " + spelled);

          Path partial = tmp.resolve("p" + i + ".mar");
          Run p =
              sbz(
                  List.of(
                      "partial",
                      from.toString(),
                      to.toString(),
                      "-o",
                      partial.toString(),
                      "-H",
                      "ch",
                      "-V",
                      "1.0",
                      "--arch",
                      spelled));
          assertEquals(0, p.rc(), spelled + ": " + p.err());
          assertFilter(
              partial, List.of("updatev3.manifest", "bin/new.txt"), filter, "partial " + spelled);
        }
      }
    }
    assertEquals(allNames().size(), i);
  }

  @Test
  void everyEntryPointRefusesAnUnknownArchitectureInOneLine() throws IOException {
    Path from = tree("from", "old\n", false);
    Path to = tree("to", "new\n", true);
    Path out = tmp.resolve("out.mar");
    for (List<String> args :
        List.of(
            List.of(
                "mar",
                "create",
                "-H",
                "ch",
                "-V",
                "1.0",
                "--arch",
                "sparc",
                "-C",
                to.toString(),
                out.toString(),
                "bin"),
            List.of(
                "complete",
                to.toString(),
                "-o",
                out.toString(),
                "-H",
                "ch",
                "-V",
                "1.0",
                "--arch",
                "sparc"),
            List.of(
                "partial",
                from.toString(),
                to.toString(),
                "-o",
                out.toString(),
                "-H",
                "ch",
                "-V",
                "1.0",
                "--arch",
                "sparc"))) {
      Run r = sbz(args);
      assertEquals(1, r.err().strip().lines().count(), args + ": " + r.err());
      assertTrue(r.err().contains("unknown target architecture 'sparc'"), args + ": " + r.err());
      assertTrue(r.rc() != 0, args.toString());
      assertFalse(Files.exists(out), args.toString());
    }
  }
}
