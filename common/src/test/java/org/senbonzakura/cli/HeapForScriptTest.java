/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's heap sizing (scripts/heap-for.sh, used by scripts/sbz): sized from the largest
 * file of the inputs, read from the complete MAR's own xz indexes, never a fixed 8 GB for a
 * partial. The formula is restated here from the script's comment (5.5 × the largest file plus 160
 * MiB for exact, 3.7 × plus 512 MiB for --fast, 256 MiB more when XZ Utils' xz is not used, at
 * least 256 MiB; the complete MARs are not held, so their sizes do not count); what the test checks
 * is that the script finds the largest file inside real complete MARs written by {@code sbz
 * complete}, in both block layouts.
 */
class HeapForScriptTest {
  private static final Path SCRIPT = Path.of("..", "scripts", "heap-for.sh").toAbsolutePath();

  /** The big file, in bytes: more than one of {@code sbz complete}'s 24 MiB xz blocks. */
  private static final long LARGEST = 26L << 20;

  private static String heapFor(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", ". \"$0\"; sbz_heap_for \"$@\""));
    cmd.add(SCRIPT.toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  private static Path completeMar(Path dir, String name, boolean singleBlock) throws IOException {
    Path tree = Files.createDirectories(dir.resolve(name + ".tree"));
    byte[] big = new byte[(int) LARGEST];
    byte[] noise = new byte[1 << 20]; // so that the MAR's size says nothing of the file's size
    new Random(7).nextBytes(noise);
    System.arraycopy(noise, 0, big, 0, noise.length);
    Files.write(tree.resolve("libbig.so"), big);
    Files.writeString(tree.resolve("small.txt"), "a small file\n".repeat(50));
    Files.createDirectories(tree.resolve("browser"));
    Files.write(tree.resolve("browser/omni.ja"), new byte[300_000]);
    Path mar = dir.resolve(name + ".mar");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args =
        new ArrayList<>(
            List.of(
                "complete",
                tree.toString(),
                "-o",
                mar.toString(),
                "-H",
                "test-channel",
                "-V",
                "1.0",
                "--write-precomplete"));
    if (singleBlock) {
      args.add("--single-block");
    }
    int rc =
        Sbz.run(
            args,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
    return mar;
  }

  /** The script's formula: the differ's factor × the largest file, plus the rest, ≥ 256 MiB. */
  private static String expected(int factorTenths) {
    long rest = factorTenths == 37 ? 512 : 160;
    if (!XZ_UTILS) {
      rest += 256;
    }
    return "-Xmx" + Math.max(256, LARGEST * factorTenths / 10 / 1048576 + rest) + "m";
  }

  /** Whether the script finds XZ Utils' xz, as the launcher's JVM would use it. */
  private static final boolean XZ_UTILS =
      !"java".equals(System.getenv("SBZ_XZ"))
          && java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
              .anyMatch(d -> Files.isExecutable(Path.of(d, "xz")));

  @Test
  void sizesAPartialFromTheLargestFileInsideTheCompleteMars(@TempDir Path dir) throws Exception {
    Path single = completeMar(dir, "old", true);
    Path multi = completeMar(dir, "new", false); // several xz blocks per big file
    assertEquals(
        expected(55), heapFor("partial", single.toString(), multi.toString(), "-o", "x.mar"));
    assertEquals(
        expected(55), heapFor("partial", multi.toString(), single.toString(), "-o", "x.mar"));
    assertEquals(
        expected(37),
        heapFor("partial", "--fast", multi.toString(), single.toString(), "-o", "x.mar"));
  }

  @Test
  void sizesADiffOfPlainFilesAndLeavesOtherCommandsAtTheDefault(@TempDir Path dir)
      throws Exception {
    Path tree = completeMar(dir, "t", true).resolveSibling("t.tree");
    assertEquals(expected(55), heapFor("partial", tree.toString(), tree.toString(), "-o", "p"));
    Path big = tree.resolve("libbig.so");
    assertEquals(expected(55), heapFor("diff", big.toString(), big.toString(), "p"));
    assertEquals("-Xmx8g", heapFor("mar", "list", "x.mar"));
    assertEquals("-Xmx8g", heapFor("partial", dir.resolve("missing.mar").toString(), "y"));
  }
}
