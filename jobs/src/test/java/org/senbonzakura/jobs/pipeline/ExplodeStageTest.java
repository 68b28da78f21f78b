/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.GoldenLocales;

/**
 * The explode stage on three fetched MARs: a real complete MAR is exploded (its files in {@code
 * mar_files}), a hostile one is refused with the reader's reason, a MAR that was not fetched keeps
 * its fetch error; a second run explodes nothing and still reports the first MAR usable.
 */
class ExplodeStageTest {
  private static Row fetched(String sha, Path mar, String error) throws Exception {
    return RowFactory.create(
        sha,
        mar == null ? null : mar.toUri().toString(),
        mar == null ? null : Files.size(mar),
        false,
        error);
  }

  @Test
  void explodesOnceAndRefusesHostileMars(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    Path tree = root.resolve("tree");
    GoldenLocales.localeTree(tree, "from", "de", 50);
    Path good = root.resolve("good.mar");
    GoldenLocales.completeMar(tree, "1.0", good);
    Path hostile = root.resolve("hostile.mar");
    GoldenLocales.hostileMar(hostile);
    String goodSha = GoldenLocales.sha512(good);
    String hostileSha = GoldenLocales.sha512(hostile);
    String missing = "9".repeat(128);
    long treeFiles;
    try (Stream<Path> s = Files.walk(tree)) {
      treeFiles = s.filter(Files::isRegularFile).count();
    }
    Dataset<Row> in =
        ctx.spark()
            .createDataFrame(
                List.of(
                    fetched(goodSha, good, null),
                    fetched(hostileSha, hostile, null),
                    fetched(missing, null, "SHA-512 mismatch")),
                FetchTask.SCHEMA);

    ExplodeStage.Output first = new ExplodeStage(ctx).run(in);
    assertEquals(2, first.stats().exploded());
    assertEquals(1, first.stats().refused());
    assertEquals(treeFiles, first.stats().fileRows());
    Map<String, Row> mars = bySha(first.mars());
    assertEquals(3, mars.size());
    assertNull(mars.get(goodSha).getAs("mar_error"));
    assertEquals("1.0", mars.get(goodSha).getAs("product_version"));
    String refused = mars.get(hostileSha).getAs("mar_error");
    assertNotNull(refused);
    assertTrue(refused.startsWith("cannot explode MAR: "), refused);
    assertEquals("SHA-512 mismatch", mars.get(missing).getAs("mar_error"));
    assertEquals(
        treeFiles, ctx.spark().read().format("delta").load(ctx.config().marFilesTable).count());

    ExplodeStage.Output second = new ExplodeStage(ctx).run(in);
    assertEquals(1, second.stats().exploded(), "only the refused MAR is tried again");
    assertEquals(0, second.stats().fileRows());
    assertNull(bySha(second.mars()).get(goodSha).getAs("mar_error"));
  }

  private static Map<String, Row> bySha(Dataset<Row> mars) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : mars.collectAsList()) {
      m.put(r.getAs("mar_sha512"), r);
    }
    return m;
  }
}
