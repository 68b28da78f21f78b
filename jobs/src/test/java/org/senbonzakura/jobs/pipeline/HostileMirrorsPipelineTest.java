/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.GoldenLocales;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.fetch.LoopbackMirrors;
import org.senbonzakura.jobs.requests.InvalidRequestsTableException;

/**
 * The job against the mirrors of issue #19's hostile run, each a real server on 127.0.0.1: a
 * refused port beside a live mirror of the same MAR, a mirror that accepts and never answers, and
 * requests tables that are wrong as a whole or in one row. Each test has its own storage root, so
 * no MAR is already in L1.
 */
class HostileMirrorsPipelineTest {
  private static SparkSession spark;
  private static Path mars;
  private static Path from;
  private static Path to;
  private static Path otherTo;

  @TempDir Path dir;

  @BeforeAll
  static void buildMars() throws Exception {
    spark = TestSpark.session();
    Path work = Files.createTempDirectory("sbz-hostile-mirrors-");
    mars = work.resolve("mars");
    from = completeMar(work, "de", "from");
    to = completeMar(work, "de", "to");
    otherTo = completeMar(work, "fr", "to");
  }

  private static Path completeMar(Path work, String locale, String side) throws Exception {
    Path tree = work.resolve("trees/" + locale + "/" + side);
    Path mar = mars.resolve(locale + "-" + side + ".complete.mar");
    GoldenLocales.localeTree(tree, side, locale, 300);
    GoldenLocales.completeMar(tree, side.equals("to") ? "2.0" : "1.0", mar);
    return mar;
  }

  /** The job's settings, allowing the local MARs and the loopback mirrors on {@code ports}. */
  private JobConfig config(Map<String, Object> extra, int... ports) throws Exception {
    Map<String, Object> flags = new HashMap<>(extra);
    List<String> allowed = new ArrayList<>(List.of(mars.toUri().toString()));
    for (int port : ports) {
      allowed.add(LoopbackMirrors.origin(port));
    }
    flags.put("sbz.fetch.allow-url-prefixes", allowed);
    return TestSpark.config(dir.resolve("root"), flags);
  }

  /**
   * A requests CSV row from the local FROM MAR to {@code toUrl}, whose SHA-512 is {@code toSha}.
   */
  private static String row(String locale, String toUrl, String toSha) throws Exception {
    return String.join(
            ",",
            "firefox",
            "linux-x86_64",
            locale,
            "1.0",
            "2.0",
            from.toUri().toString(),
            toUrl,
            GoldenLocales.sha512(from),
            toSha,
            "release",
            "current",
            "")
        + "\n";
  }

  private Map<String, Row> run(JobConfig config, String csv) throws Exception {
    Path requests = Files.writeString(dir.resolve("requests.csv"), csv);
    new Pipeline(spark, config).run(requests.toString(), "csv");
    Map<String, Row> byLocale = new HashMap<>();
    for (Row r : spark.read().format("delta").load(config.resultsTable).collectAsList()) {
      byLocale.put(r.getAs("locale"), r);
    }
    return byLocale;
  }

  private static String error(Row r) {
    return r.getAs("error");
  }

  /**
   * Items 1 and 6: two requests name the same TO MAR, one through a refused port and one through a
   * live mirror; both get their partial. A request from a MAR to itself fails alone, saying why.
   */
  @Test
  void aDeadMirrorFailsNoRequestWhileAnotherServesTheSameMar() throws Exception {
    try (LoopbackMirrors.Http live = new LoopbackMirrors.Http()) {
      live.serve("/to.mar", Files.readAllBytes(to), () -> {});
      String toSha = GoldenLocales.sha512(to);
      int deadPort = LoopbackMirrors.closedPort();
      String dead = "http://127.0.0.1:" + deadPort + "/to.mar";
      String csv =
          GoldenLocales.REQUESTS_HEADER
              // the dead URL on the row the old fetch (one URL per hash) happened to keep
              + row("de", live.url("/to.mar"), toSha)
              + row("fr", dead, toSha)
              + row("ja", from.toUri().toString(), GoldenLocales.sha512(from));
      Map<String, Row> results = run(config(Map.of(), deadPort, live.port()), csv);
      for (String locale : List.of("de", "fr")) {
        assertEquals(
            "done",
            results.get(locale).getAs("status"),
            locale + ": " + error(results.get(locale)));
      }
      assertEquals(1, live.requests(), "one download serves both requests");
      Row same = results.get("ja");
      assertEquals("failed", same.getAs("status"));
      assertTrue(error(same).contains("from and to are the same MAR"), error(same));
      assertTrue(error(same).contains("nothing to update"), error(same));
    }
  }

  /**
   * Item 3: a mirror that accepts the connection and never answers costs its own MAR the deadline
   * (set small here), while the other MAR of the same partition is fetched meanwhile: the live
   * mirror's answer waits until the silent one holds an open connection, which only happens if both
   * fetches are in flight together.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aSilentMirrorHoldsOnlyItsOwnMar() throws Exception {
    AtomicBoolean together = new AtomicBoolean();
    try (LoopbackMirrors.Silent silent = new LoopbackMirrors.Silent();
        LoopbackMirrors.Http live = new LoopbackMirrors.Http()) {
      live.serve(
          "/to.mar",
          Files.readAllBytes(to),
          () -> {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (silent.open() == 0 && System.nanoTime() < until) {
              Thread.onSpinWait();
            }
            together.set(silent.open() > 0);
          });
      String csv =
          GoldenLocales.REQUESTS_HEADER
              + row("de", live.url("/to.mar"), GoldenLocales.sha512(to))
              + row("fr", silent.url("/to.mar"), GoldenLocales.sha512(otherTo));
      Map<String, Row> results =
          run(
              config(
                  Map.of("sbz.fetch.deadline", "3s", "sbz.parallelism", 1),
                  silent.port(),
                  live.port()),
              csv);
      assertEquals("done", results.get("de").getAs("status"), error(results.get("de")));
      Row stuck = results.get("fr");
      assertEquals("failed", stuck.getAs("status"));
      assertTrue(error(stuck).contains("timed out after 3 s"), error(stuck));
      assertTrue(together.get(), "the live MAR was fetched only after the silent one gave up");
      assertEquals(1, silent.connections(), "the silent mirror was asked again");
    }
  }

  /**
   * Item 6: a table without a required column stops the run with one message naming the column,
   * before the run writes any table.
   */
  @Test
  void aRequestsTableLackingAColumnStopsTheRunBeforeAnyWork() throws Exception {
    String header = GoldenLocales.REQUESTS_HEADER.replace(",to_sha512", "");
    String line = row("de", to.toUri().toString(), "").replace(",,release", ",release");
    Path requests = Files.writeString(dir.resolve("requests.csv"), header + line);
    JobConfig config = config(Map.of());
    InvalidRequestsTableException e =
        assertThrows(
            InvalidRequestsTableException.class,
            () -> new Pipeline(spark, config).run(requests.toString(), "csv"));
    assertTrue(e.getMessage().contains("lacks the required column to_sha512"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("root/tables")), "the run wrote tables");
  }
}
