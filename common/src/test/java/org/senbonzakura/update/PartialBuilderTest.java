/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.mar.ProductInfo;

class PartialBuilderTest {
  private static final Path GOLDEN = GoldenTrees.partialSmall();
  private static final ProductInfo PIB = new ProductInfo("sbz-golden-test", "2.0");

  @TempDir Path tmp;

  private static PartialBuilder.Options options(PatchCache cache, UpdateFormat format) {
    return new PartialBuilder.Options(
        new PlanOptions(List.of(), format),
        EntryCompression.of(format, TargetArch.X86_64),
        true,
        cache,
        false,
        2,
        Progress.NONE);
  }

  private static PartialBuilder builder(FileDiffer differ) {
    return new PartialBuilder(
        UpdateTools.codec(), differ, UpdateTools.marIo(), UpdateTools.patcher());
  }

  @Test
  void aWrongPatchFailsVerificationAndWritesNothing() throws Exception {
    FileDiffer wrong =
        new FileDiffer() {
          @Override
          public byte[] diff(byte[] old, byte[] neu, long full) throws IOException {
            byte[] bad = neu.clone();
            bad[bad.length / 2] ^= 1; // a valid patch, to the wrong bytes
            return MbdiffFileDiffer.exact().diff(old, bad, -1);
          }

          @Override
          public String cacheKey() {
            return "wrong";
          }
        };
    Path out = tmp.resolve("p.mar");
    UpdateException e =
        assertThrows(
            UpdateException.class,
            () ->
                builder(wrong)
                    .build(
                        DirectorySource.scan(GOLDEN.resolve("from")),
                        DirectorySource.scan(GOLDEN.resolve("to")),
                        PIB,
                        out,
                        options(null, UpdateFormat.CURRENT)));
    assertTrue(e.getMessage().contains("differs: "), e.getMessage());
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(), s.toList(), "nothing written");
    }
  }

  @Test
  void warmCacheGivesTheSameMarWithoutDiffing() throws Exception {
    PatchCache cache = new PatchCache(tmp.resolve("cache"));
    TreeSource from = DirectorySource.scan(GOLDEN.resolve("from"));
    TreeSource to = DirectorySource.scan(GOLDEN.resolve("to"));
    PartialBuilder.Result cold =
        builder(MbdiffFileDiffer.exact())
            .build(from, to, PIB, tmp.resolve("cold.mar"), options(cache, UpdateFormat.CURRENT));
    FileDiffer refuses =
        new FileDiffer() {
          @Override
          public byte[] diff(byte[] old, byte[] neu, long full) {
            throw new AssertionError("warm run must not diff");
          }

          @Override
          public String cacheKey() {
            return MbdiffFileDiffer.exact().cacheKey();
          }
        };
    PartialBuilder.Result warm =
        builder(refuses)
            .build(from, to, PIB, tmp.resolve("warm.mar"), options(cache, UpdateFormat.CURRENT));
    assertEquals(cold.sha512(), warm.sha512());
    assertEquals(cold.plan(), warm.plan());
  }

  @Test
  void legacyFormatHasBzip2EntriesAndBothManifests() throws Exception {
    Path out = tmp.resolve("legacy.mar");
    builder(MbdiffFileDiffer.exact())
        .build(
            DirectorySource.scan(GOLDEN.resolve("from")),
            DirectorySource.scan(GOLDEN.resolve("to")),
            PIB,
            out,
            options(null, UpdateFormat.LEGACY));
    MarIo.Contents c = UpdateTools.marIo().read(out);
    assertEquals(Manifest.V2, c.items().get(0).name());
    assertEquals(Manifest.V3, c.items().get(1).name());
    for (MarItem i : c.items()) {
      assertEquals("BZh9", new String(i.data(), 0, 4, StandardCharsets.US_ASCII), i.name());
    }
    String v2 =
        new String(UpdateTools.codec().decompress(c.items().get(0).data()), StandardCharsets.UTF_8);
    String v3 = new MarUpdateContents(c, UpdateTools.codec()).manifest();
    // bzip2 changes which of patch and full is smaller, so v3 differs from the golden xz one;
    // v2 is v3 without add-if-not lines, except update-settings.ini which becomes a plain add
    StringBuilder want = new StringBuilder();
    for (String line : v3.split("\n")) {
      if (line.startsWith("add-if-not ")) {
        if (line.contains("\"update-settings.ini\"")) {
          want.append("add \"update-settings.ini\"\n");
        }
      } else {
        want.append(line).append('\n');
      }
    }
    assertTrue(v3.contains("add-if-not \"update-settings.ini\" \"update-settings.ini\"\n"), v3);
    assertFalse(v2.contains("add-if-not"), v2);
    assertEquals(want.toString(), v2);
  }
}
