/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.update.Hashes;
import org.senbonzakura.update.TargetArch;

class PartialCommandTest {
  private static final Path GOLDEN =
      Paths.get(System.getProperty("sbz.shared"), "golden", "partial-small");

  @TempDir Path tmp;

  private record Run(int rc, String out, String err) {}

  private static Run sbz(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        Sbz.run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void jsonSummaryDescribesTheMarsAndDecisions() throws Exception {
    Path out = tmp.resolve("p.mar");
    Run r =
        sbz(
            "partial",
            GOLDEN.resolve("a.complete.mar").toString(),
            GOLDEN.resolve("b.complete.mar").toString(),
            "-o",
            out.toString(),
            "--json");
    assertEquals(0, r.rc(), r.err());
    byte[] mar = Files.readAllBytes(out);
    assertTrue(r.out().contains("\"hashValue\": \"" + Hashes.sha512(mar) + "\""), r.out());
    assertTrue(r.out().contains("\"filesize\": " + mar.length), r.out());
    byte[] from = Files.readAllBytes(GOLDEN.resolve("a.complete.mar"));
    assertTrue(r.out().contains("\"sha512\": \"" + Hashes.sha512(from) + "\""), r.out());
    assertTrue(r.out().contains("\"channel\": \"sbz-golden-test\""), r.out());
    assertTrue(r.out().contains("\"appVersion\": \"2.0\""), r.out());
    assertTrue(r.out().contains("\"path\": \"vaapitest\",\n      \"action\": \"patch\""), r.out());
    assertTrue(r.out().contains("\"buildID\": "), r.out());
  }

  @Test
  void refusalsAreOneLineErrorsAndWriteNothing() throws Exception {
    Path out = tmp.resolve("p.mar");
    // FROM as TO: the golden "from" tree has no removed-files but has precomplete; use a tree
    // without precomplete as TO
    Path noPre = Files.createDirectories(tmp.resolve("nopre"));
    Files.writeString(noPre.resolve("a"), "x");
    Run r =
        sbz(
            "partial",
            GOLDEN.resolve("from").toString(),
            noPre.toString(),
            "-o",
            out.toString(),
            "-H",
            "c",
            "-V",
            "1");
    assertEquals(1, r.rc());
    assertTrue(r.err().contains("precomplete"), r.err());
    assertFalse(Files.exists(out));
    Run usage = sbz("partial", GOLDEN.resolve("from").toString(), noPre.toString(), "-o", "x");
    assertEquals(2, usage.rc());
    assertTrue(usage.err().contains("-H CHANNEL and -V VERSION"), usage.err());
  }

  /** Issue #19: the --arch help is the single BCJ rule's own text, not a list written by hand. */
  @Test
  void archHelpListsExactlyTargetArchsNamesInTheirBcjGroups() {
    String usage = new PartialCommand().usage();
    int at = usage.indexOf("  --arch ");
    assertTrue(at >= 0, usage);
    String arch = usage.substring(at, usage.indexOf("\n  --", at + 1));
    assertTrue(arch.contains(" use x86 BCJ") && arch.contains(" do not"), arch);
    String bcjPart = arch.substring(0, arch.indexOf(" use x86 BCJ"));
    String plainPart = arch.substring(arch.indexOf(" use x86 BCJ"), arch.indexOf(" do not"));
    java.util.Set<String> named = new java.util.TreeSet<>();
    for (TargetArch a : TargetArch.values()) {
      String n = a.mozillaName();
      assertTrue(
          java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(n) + "\\b")
              .matcher(a.bcj() ? bcjPart : plainPart)
              .find(),
          n + " in its group: " + arch);
      named.add(n);
    }
    // no other target name appears in the help's lists
    java.util.Set<String> listed = new java.util.TreeSet<>();
    for (String part : List.of(bcjPart, plainPart)) {
      for (String item : part.replace("--arch", "").replace("use x86 BCJ;", "").split(",")) {
        listed.add(item.replace("(default)", "").strip());
      }
    }
    assertEquals(named, listed, arch);
    assertTrue(arch.contains("else " + TargetArch.DEFAULT.mozillaName()), arch);
  }

  /**
   * Issue #15 item 4 through {@code sbz partial}: a file big enough for the differ's file API (16
   * MiB and more) gets the early and in-scan verdicts too, and the partial made with them is the
   * same MAR as without. Old and new are unrelated random bytes, so the patch cannot beat the full
   * file.
   */
  @Test
  void theVerdictReachesBigFilesAndNeverChangesThePartial() throws Exception {
    java.util.Random r = new java.util.Random(15);
    Path[] mars = new Path[2];
    for (int side = 0; side < 2; side++) {
      Path tree = Files.createDirectories(tmp.resolve("tree" + side));
      byte[] big = new byte[17 << 20];
      r.nextBytes(big);
      Files.write(tree.resolve("libbig.so"), big);
      Files.writeString(tree.resolve("small.txt"), "version " + side + "\n");
      mars[side] = tmp.resolve("c" + side + ".mar");
      Run c =
          sbz(
              "complete",
              tree.toString(),
              "-o",
              mars[side].toString(),
              "-H",
              "sbz-test",
              "-V",
              (side + 1) + ".0",
              "--write-precomplete");
      assertEquals(0, c.rc(), c.err());
    }
    Path plain = tmp.resolve("plain.mar");
    Path judged = tmp.resolve("judged.mar");
    Run a =
        sbz(
            "partial",
            mars[0].toString(),
            mars[1].toString(),
            "-o",
            plain.toString(),
            "--fast",
            "--json");
    Run b =
        sbz(
            "partial",
            mars[0].toString(),
            mars[1].toString(),
            "-o",
            judged.toString(),
            "--fast",
            "--early-verdict",
            "--json");
    assertEquals(0, a.rc(), a.err());
    assertEquals(0, b.rc(), b.err());
    assertTrue(a.out().contains("\"reason\": \"full-smaller\""), a.out());
    assertTrue(b.out().contains("\"reason\": \"full-wins-early\""), b.out());
    assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(judged));
  }
}
