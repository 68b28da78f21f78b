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
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.GoldenLocales;

/**
 * The fetch stage on three requests over file URLs: a MAR named by two requests (from two mirrors)
 * is fetched once; a MAR whose bytes do not have the requested SHA-512 is a row with its reason; a
 * second run finds the others in L1 and fetches nothing.
 */
class FetchStageTest {
  private static Request request(String id, String fromSha, Path from, String toSha, Path to) {
    Request r = StageTestSupport.request(id, "de", fromSha, toSha);
    r.setFromUrl(from.toUri().toString());
    r.setToUrl(to.toUri().toString());
    return r;
  }

  private static Path file(Path dir, String name, int seed) throws Exception {
    byte[] b = new byte[4096 + seed];
    new Random(seed).nextBytes(b);
    return Files.write(dir.resolve(name), b);
  }

  @Test
  void eachDistinctMarOnceAndFailuresAreRows(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    Path src = Files.createDirectories(root.resolve("src"));
    Path a = file(src, "a.mar", 1);
    Path aMirror = Files.copy(a, src.resolve("a-mirror.mar"));
    Path b = file(src, "b.mar", 2);
    Path c = file(src, "c.mar", 3);
    String shaA = GoldenLocales.sha512(a);
    String shaB = GoldenLocales.sha512(b);
    String wrong = "0".repeat(128);
    Dataset<Request> requests =
        StageTestSupport.requests(
            ctx, List.of(request("r1", shaA, a, shaB, b), request("r2", shaA, aMirror, wrong, c)));

    FetchStage.Output first;
    List<FetchedMar> fetched;
    try (SparkJobLog jobs = new SparkJobLog(ctx.spark())) {
      first = new FetchStage(ctx).run(requests);
      int fetching = jobs.containing("").size();
      fetched = first.fetched().collectAsList();
      // the records handed on are the stage's collected copy: reading them runs no Spark job
      assertEquals(fetching, jobs.containing("").size(), jobs.containing("").toString());
    }
    assertEquals(3, first.stats().distinctMars());
    assertEquals(0, first.stats().l1Hits());
    assertEquals(2, first.stats().fetched());
    assertEquals(1, first.stats().failed());
    Map<String, FetchedMar> bySha = new HashMap<>();
    for (FetchedMar m : fetched) {
      bySha.put(m.getMarSha512(), m);
    }
    assertNull(bySha.get(shaA).getFetchError());
    assertEquals(Files.size(a), (long) bySha.get(shaA).getSize());
    String reason = bySha.get(wrong).getFetchError();
    assertNotNull(reason);
    assertTrue(reason.contains("SHA-512 mismatch"), reason);

    FetchStage.Output second = new FetchStage(ctx).run(requests);
    assertEquals(new FetchStage.Stats(3, 2, 0, 1, second.stats().ms()), second.stats());
  }
}
