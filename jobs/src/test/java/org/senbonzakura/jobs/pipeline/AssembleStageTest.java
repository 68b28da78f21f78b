/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.GoldenLocales;

/**
 * The assemble stage on the golden pair's inputs, made by the real stages before it: each request
 * gets a verified partial that turns the FROM tree into the TO tree, and a pair the diff stage
 * could not make fails every request that needs it, with the pair's reason; a second call finds its
 * pairs in the patch cache table and its partials published. Also run with Spark's adaptive
 * execution off, whose plans differ (the whole job once failed there, in assemble's join, when its
 * session started with it off; that failure needs the job's own session and is not reproduced
 * here).
 */
class AssembleStageTest {
  /** The golden pair's inputs to the assemble stage, for {@code locales}. */
  private record Inputs(
      AttachStage.Output attach, PairStage.Output pair, DiffStage.Output diff, long requests) {}

  /** A request id as the requests table has them (hex), one per locale. */
  private static String id(String locale) {
    return String.format("%064x", new java.math.BigInteger(1, locale.getBytes()));
  }

  private static Inputs inputs(StageContext ctx, String... locales) throws Exception {
    Path a = GoldenPair.golden().resolve("a.complete.mar");
    Path b = GoldenPair.golden().resolve("b.complete.mar");
    String shaA = GoldenLocales.sha512(a);
    String shaB = GoldenLocales.sha512(b);
    List<Request> list =
        java.util.Arrays.stream(locales)
            .map(
                l -> {
                  Request r = StageTestSupport.request(id(l), l, shaA, shaB);
                  r.setFromUrl(a.toUri().toString());
                  r.setToUrl(b.toUri().toString());
                  return r;
                })
            .toList();
    Dataset<Request> todo = StageTestSupport.requests(ctx, list);
    FetchStage.Output fetch = new FetchStage(ctx).run(todo);
    ExplodeStage.Output explode = new ExplodeStage(ctx).run(fetch.fetched());
    AttachStage.Output attach =
        new AttachStage(ctx).run(todo, explode.mars(), explode.files(), 1, 2);
    PairStage.Output pair = new PairStage(ctx).run(attach.ready());
    DedupStage.Output dedup = new DedupStage(ctx).run(pair.candidates());
    DiffStage.Output diff = new DiffStage(ctx).run(dedup.missing(), dedup.cached());
    return new Inputs(attach, pair, diff, list.size());
  }

  /**
   * Assembles the golden pair's partials for {@code locales} and checks each one: {@code stored} of
   * them are made now, the others found already published by an earlier call.
   */
  private static void assembleVerifiedPartials(Path root, long stored, String... locales)
      throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    Inputs in = inputs(ctx, locales);
    AssembleStage.Output out;
    List<Result> results;
    try (SparkJobLog jobs = new SparkJobLog(ctx.spark())) {
      out =
          new AssembleStage(ctx)
              .run(in.attach().ready(), in.pair().candidates(), in.diff().patches(), List.of(), 3);
      int assembling = jobs.containing("").size();
      results =
          out.results().collectAsList().stream()
              .sorted(Comparator.comparing(Result::getRequestId))
              .toList();
      // the records handed on are the stage's collected copy: reading them runs no Spark job
      assertEquals(assembling, jobs.containing("").size(), jobs.containing("").toString());
    }

    assertEquals(
        new AssembleStage.Stats(stored, locales.length - stored, 0, out.stats().ms()), out.stats());
    assertEquals(
        java.util.Arrays.stream(locales).map(AssembleStageTest::id).sorted().toList(),
        results.stream().map(Result::getRequestId).toList());
    // made now: done; found published by an earlier call: reused
    assertEquals(stored, results.stream().filter(r -> "done".equals(r.getStatus())).count());
    for (Result r : results) {
      assertTrue(List.of("done", "reused").contains(r.getStatus()), r.getError());
      assertNull(r.getError());
      Path partial = Path.of(URI.create(r.getPartialPath()));
      assertEquals(Files.size(partial), (long) r.getPartialSize());
      GoldenPair.assertTurnsFromIntoTo(partial, Files.createTempDirectory(root, "apply"));
    }
  }

  @Test
  void eachRequestGetsAVerifiedPartial(@TempDir Path root) throws Exception {
    assembleVerifiedPartials(root, 2, "de", "fr");
  }

  @Test
  void eachRequestGetsAVerifiedPartialWithoutAdaptiveExecution(@TempDir Path root)
      throws Exception {
    var conf = org.senbonzakura.jobs.TestSpark.session().conf();
    String before = conf.get("spark.sql.adaptive.enabled");
    conf.set("spark.sql.adaptive.enabled", "false");
    try {
      assembleVerifiedPartials(root, 1, "de");
      // now every pair comes from the patch cache table, and "de" is published already
      assembleVerifiedPartials(root, 1, "de", "fr");
    } finally {
      conf.set("spark.sql.adaptive.enabled", before);
    }
  }

  @Test
  void aPairThatCouldNotBeDiffedFailsTheRequestsThatNeedIt(@TempDir Path root) throws Exception {
    StageContext ctx = StageTestSupport.context(root);
    Inputs in = inputs(ctx, "de");
    ChangedPair any = in.pair().candidates().first();
    DiffStage.PairError err =
        new DiffStage.PairError(any.getOldSha256(), any.getNewSha256(), "diff failed: test");
    AssembleStage.Output out =
        new AssembleStage(ctx)
            .run(in.attach().ready(), in.pair().candidates(), in.diff().patches(), List.of(err), 3);

    assertEquals(0, out.stats().stored());
    assertEquals(1, out.stats().failed());
    Result r = out.results().first();
    assertEquals("failed", r.getStatus());
    assertTrue(r.getError().contains("diff failed: test"), r.getError());
    assertNull(r.getPartialPath());
  }
}
