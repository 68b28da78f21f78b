/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generates the checked-in hostile-patch corpus ({@code src/test/resources/mbdiff/hostile}): each
 * case is a valid patch of {@link #SOURCE} broken in one specific way, with the message fragment
 * the patcher must answer. Regenerate with {@code main(dir)}; {@link HostilePatchTest} checks the
 * checked-in files still equal this code's output.
 */
final class HostileCorpus {
  static final byte[] SOURCE =
      "The quick brown fox jumps over the lazy dog; 0123456789 abcdefghij"
          .getBytes(StandardCharsets.US_ASCII);
  static final byte[] TARGET =
      "The quick red fox jumped over the lazy dogs! 0123456789 ABCDEFGHIJ klm"
          .getBytes(StandardCharsets.US_ASCII);

  /** A case: the patch bytes and the message fragment expected from the patcher. */
  record Case(byte[] patch, String expected) {}

  private HostileCorpus() {}

  static Map<String, Case> cases() throws MbDiffException {
    byte[] valid = MbDiff.diff(SOURCE, TARGET, DiffOptions.exact());
    MbDiffHeader h = MbDiffHeader.parse(valid);
    Map<String, Case> m = new LinkedHashMap<>();
    m.put("empty", new Case(new byte[0], "shorter than the 32-byte header"));
    m.put("short-header", new Case(Arrays.copyOf(valid, 20), "shorter than the 32-byte header"));
    byte[] tag = valid.clone();
    tag[7] = '1';
    m.put("wrong-tag", new Case(tag, "MBDIFF10 tag"));
    m.put("truncated-body", new Case(Arrays.copyOf(valid, valid.length - 1), "header announces"));
    m.put("trailing-byte", new Case(Arrays.copyOf(valid, valid.length + 1), "header announces"));
    m.put(
        "control-not-multiple-of-12",
        new Case(
            withHeader(valid, 20, h.controlLength + 1, 24, h.diffLength - 1),
            "not a multiple of 12"));
    m.put("wrong-source-length", new Case(withHeader(valid, 8, SOURCE.length + 1), "source is"));
    m.put("wrong-source-crc", new Case(withHeader(valid, 12, h.sourceCrc ^ 1L), "CRC-32/BZIP2"));
    m.put("wrong-target-length", new Case(withHeader(valid, 16, h.targetLength + 1), "produces"));
    m.put(
        "lengths-over-2gib",
        new Case(withHeader(valid, 20, 0xFFFFFFF0L, 24, 0xFFFFFFF0L), "2 GiB limit"));
    m.put(
        "lengths-wrap-32-bits",
        new Case(
            withHeader(valid, 20, h.controlLength + 0x80000000L, 24, h.diffLength + 0x80000000L),
            "2 GiB limit"));
    m.put("add-past-diff-block", new Case(withTriple(valid, 0, 0, h.diffLength + 1), "diff block"));
    m.put("add-huge-u32", new Case(withTriple(valid, 0, 0, 0xFFFFFFFFL), "diff block"));
    m.put(
        "copy-past-extra-block",
        new Case(withTriple(valid, 0, 4, h.extraLength + 1), "extra block"));
    m.put(
        "seek-before-source", new Case(withTriple(valid, 0, 8, -1000L), "seeks to source offset"));
    m.put(
        "seek-after-source",
        new Case(withTriple(valid, 0, 8, SOURCE.length + 1L), "seeks to source offset"));
    m.put("add-past-source", new Case(addPastSource(), "at source offset"));
    return m;
  }

  private static byte[] withHeader(byte[] p, Object... offsetValuePairs) {
    byte[] c = p.clone();
    for (int i = 0; i < offsetValuePairs.length; i += 2) {
      int off = (Integer) offsetValuePairs[i];
      MbDiffHeader.putU32(c, off, ((Number) offsetValuePairs[i + 1]).longValue());
    }
    return c;
  }

  private static byte[] withTriple(byte[] p, int triple, int field, long value) {
    byte[] c = p.clone();
    MbDiffHeader.putU32(c, MbDiffHeader.SIZE + triple * 12 + field, value);
    return c;
  }

  /** A self-consistent patch whose only triple adds more bytes than the source has. */
  private static byte[] addPastSource() {
    int x = SOURCE.length + 1;
    MbDiffHeader h = new MbDiffHeader(SOURCE.length, Crc32Bzip2.of(SOURCE), x, 12, x, 0);
    byte[] p = Arrays.copyOf(h.toBytes(), MbDiffHeader.SIZE + 12 + x);
    MbDiffHeader.putU32(p, MbDiffHeader.SIZE, x);
    return p;
  }

  /** Writes the corpus into {@code args[0]} (the test resources directory). */
  public static void main(String[] args) throws IOException, MbDiffException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    Files.write(dir.resolve("source.bin"), SOURCE);
    StringBuilder expected = new StringBuilder();
    for (Map.Entry<String, Case> e : cases().entrySet()) {
      Files.write(dir.resolve(e.getKey() + ".patch"), e.getValue().patch());
      expected.append(e.getKey()).append('\t').append(e.getValue().expected()).append('\n');
    }
    Files.writeString(dir.resolve("expected.tsv"), expected);
  }
}
