/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.mar.MarWriteOptions;
import org.senbonzakura.mar.MarWriter;
import org.senbonzakura.update.Hashes;
import org.senbonzakura.update.MarUpdateContents;
import org.senbonzakura.update.UpdateTools;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

/**
 * {@code sbz partial} over two complete MARs that together are more than twice its whole heap: the
 * MARs' entries are read from the files when needed, not held (issue #16), so the partial is built
 * and verified in a JVM whose {@code -Xmx} could not hold even one of them. Before, both MARs were
 * read onto the heap first and this ran out of memory.
 */
class PartialOverMarsBiggerThanTheHeapTest {
  private static final int FILES = 20;
  private static final int FILE_SIZE = 2 << 20;
  private static final int HEAP_MIB = 32;
  private static final String HEAP = "-Xmx" + HEAP_MIB + "m";

  @Test
  void buildsAndVerifiesAPartialWithoutHoldingTheMars(@TempDir Path dir) throws Exception {
    Random rnd = new Random(16);
    Map<String, byte[]> from = new LinkedHashMap<>();
    for (int i = 0; i < FILES; i++) {
      byte[] b = new byte[FILE_SIZE];
      rnd.nextBytes(b); // incompressible: each MAR is as big as its files
      from.put("lib/part" + i + ".bin", b);
    }
    from.put("application.ini", "[App]\nVersion=1.0\nBuildID=1\n".getBytes());
    StringBuilder precomplete = new StringBuilder();
    for (String f : from.keySet()) {
      precomplete.append("remove \"").append(f).append("\"\n");
    }
    from.put("precomplete", precomplete.toString().getBytes());
    Map<String, byte[]> to = new LinkedHashMap<>(from);
    byte[] changed = from.get("lib/part3.bin").clone();
    for (int i = 0; i < 64; i++) {
      changed[i * 4099] ^= 0x5A;
    }
    to.put("lib/part3.bin", changed);
    to.put("application.ini", "[App]\nVersion=2.0\nBuildID=2\n".getBytes());
    to.put("added.txt", "new in 2.0\n".getBytes());

    Map<String, byte[]> stored = new LinkedHashMap<>();
    Path a = writeMar(dir.resolve("a.mar"), from, stored);
    Path b = writeMar(dir.resolve("b.mar"), to, stored);
    assertTrue(
        Files.size(a) + Files.size(b) > 2 * ((long) HEAP_MIB << 20), "the MARs outgrow the heap");

    Path out = dir.resolve("p.mar");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add(HEAP);
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Sbz.class.getName());
    cmd.addAll(List.of("partial", a.toString(), b.toString(), "-o", out.toString(), "--exact"));
    Path log = dir.resolve("sbz.log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int rc = p.waitFor();
    String text = Files.readString(log);
    assertEquals(0, rc, () -> "sbz partial under " + HEAP + " failed:\n" + text);
    assertTrue(text.contains("verified"), text);

    MarUpdateContents partial =
        new MarUpdateContents(UpdateTools.marIo().read(out), UpdateTools.codec());
    String manifest = partial.manifest();
    assertTrue(manifest.contains("\"lib/part3.bin\""), manifest);
    assertTrue(!manifest.contains("\"lib/part4.bin\""), manifest);
    assertEquals(Hashes.sha256(to.get("added.txt")), Hashes.sha256(partial.entry("added.txt")));
  }

  /**
   * A complete MAR of {@code files}, each xz'd at preset 0 (quick; its headers are not the
   * partial's, so nothing is copied from it unchecked); entries already compressed for the other
   * MAR are reused, as between two real builds.
   */
  private static Path writeMar(Path mar, Map<String, byte[]> files, Map<String, byte[]> stored)
      throws IOException {
    try (MarWriter w = MarWriter.create(mar, MarWriteOptions.of("test-channel", "1.0"))) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        String key = f.getKey() + "\0" + Hashes.sha256(f.getValue());
        byte[] z = stored.get(key);
        if (z == null) {
          ByteArrayOutputStream bout = new ByteArrayOutputStream();
          try (XZOutputStream x = new XZOutputStream(bout, new LZMA2Options(0), XZ.CHECK_CRC64)) {
            x.write(f.getValue());
          }
          z = bout.toByteArray();
          stored.put(key, z);
        }
        w.addEntry(f.getKey(), 0644, new ByteArrayInputStream(z), z.length);
      }
      w.finish();
    }
    return mar;
  }
}
