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
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.GoldenLocales;

/**
 * The explode stage on three fetched MARs: a real complete MAR is exploded (its files in {@code
 * mar_files}), a hostile one is refused with the reader's reason, a MAR that was not fetched keeps
 * its fetch error; a second run explodes nothing and still reports the first MAR usable.
 */
class ExplodeStageTest {
  private static FetchedMar fetched(String sha, Path mar, String error) throws Exception {
    return FetchedMar.of(
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
    Dataset<FetchedMar> in =
        ctx.spark()
            .createDataset(
                List.of(
                    fetched(goodSha, good, null),
                    fetched(hostileSha, hostile, null),
                    fetched(missing, null, "SHA-512 mismatch")),
                Encoders.bean(FetchedMar.class));

    ExplodeStage.Output first = new ExplodeStage(ctx).run(in);
    assertEquals(2, first.stats().exploded());
    assertEquals(1, first.stats().refused());
    assertEquals(treeFiles, first.stats().fileRows());
    Map<String, MarState> mars = bySha(first.mars());
    assertEquals(3, mars.size());
    assertNull(mars.get(goodSha).getMarError());
    assertEquals("1.0", mars.get(goodSha).getProductVersion());
    String refused = mars.get(hostileSha).getMarError();
    assertNotNull(refused);
    assertTrue(refused.startsWith("cannot explode MAR: "), refused);
    assertEquals("SHA-512 mismatch", mars.get(missing).getMarError());
    List<Row> files =
        ctx.spark().read().format("delta").load(ctx.config().marFilesTable).collectAsList();
    assertEquals(treeFiles, files.size());
    for (Row f : files) { // every column of the table filled from the records, by name
      assertEquals(goodSha, f.getAs("mar_sha512"));
      assertEquals(64, f.<String>getAs("sha256").length());
      assertEquals(64, f.<String>getAs("entry_sha256").length());
      assertTrue(f.<Long>getAs("entry_size") > 0);
      assertNotNull(f.getAs("entry_format"));
    }
    Row mar =
        ctx.spark()
            .read()
            .format("delta")
            .load(ctx.config().marsTable)
            .filter("mar_sha512 = '" + goodSha + "'")
            .first();
    assertEquals("ok", mar.getAs("status"));
    assertEquals((int) treeFiles, (int) mar.<Integer>getAs("file_count"));
    assertEquals(ctx.runId(), mar.getAs("run_id"));
    // the stage's file rows are the table's, taken from its own records: every MAR of this run
    // was exploded now, so mar_files is not read back
    try (SparkJobLog jobs = new SparkJobLog(ctx.spark())) {
      assertEquals(keys(files, "mar_sha512", "path", "sha256", "entry_sha256"), fileKeys(first));
      assertEquals(List.of(), jobs.containing("Filtering files"), "mar_files was read back");
    }

    ExplodeStage.Output second = new ExplodeStage(ctx).run(in);
    assertEquals(1, second.stats().exploded(), "only the refused MAR is tried again");
    assertEquals(0, second.stats().fileRows());
    // the good MAR is known now: its rows come from the table
    assertEquals(keys(files, "mar_sha512", "path", "sha256", "entry_sha256"), fileKeys(second));
    assertNull(bySha(second.mars()).get(goodSha).getMarError());

    // only known MARs: nothing is exploded, neither table gets a commit, and their state comes
    // from the rows the table held before the stage
    long filesVersion = version(ctx, ctx.config().marFilesTable);
    long marsVersion = version(ctx, ctx.config().marsTable);
    Dataset<FetchedMar> known =
        ctx.spark()
            .createDataset(
                List.of(fetched(goodSha, good, null), fetched(missing, null, "SHA-512 mismatch")),
                Encoders.bean(FetchedMar.class));
    ExplodeStage.Output third;
    try (SparkJobLog jobs = new SparkJobLog(ctx.spark())) {
      third = new ExplodeStage(ctx).run(known);
      assertEquals(List.of(), jobs.containing("MERGE"), "a stage with nothing to write MERGEs");
    }
    assertEquals(0, third.stats().exploded());
    assertEquals(filesVersion, version(ctx, ctx.config().marFilesTable));
    assertEquals(marsVersion, version(ctx, ctx.config().marsTable));
    Map<String, MarState> state = bySha(third.mars());
    assertEquals(2, state.size());
    assertNull(state.get(goodSha).getMarError());
    assertEquals("1.0", state.get(goodSha).getProductVersion());
    assertEquals("SHA-512 mismatch", state.get(missing).getMarError());
    assertEquals(treeFiles, third.files().count());
  }

  /** The rows' values of {@code columns}, joined, as a sorted list. */
  private static List<String> keys(List<Row> rows, String... columns) {
    return rows.stream()
        .map(r -> Stream.of(columns).map(c -> String.valueOf(r.<Object>getAs(c))).toList())
        .map(l -> String.join("|", l))
        .sorted()
        .toList();
  }

  private static List<String> fileKeys(ExplodeStage.Output out) {
    return keys(out.files().collectAsList(), "marSha512", "path", "sha256", "entrySha256");
  }

  private static long version(StageContext ctx, String table) {
    return io.delta.tables.DeltaTable.forPath(ctx.spark(), table)
        .history(1)
        .first()
        .<Long>getAs("version");
  }

  private static Map<String, MarState> bySha(Dataset<MarState> mars) {
    Map<String, MarState> m = new HashMap<>();
    for (MarState r : mars.collectAsList()) {
      m.put(r.getMarSha512(), r);
    }
    return m;
  }
}
