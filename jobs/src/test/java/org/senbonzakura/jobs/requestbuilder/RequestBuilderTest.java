/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requestbuilder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pairing rules, filters and release loading, without Spark. */
class RequestBuilderTest {
  @TempDir Path tmp;

  private List<String> describe(RequestPlan plan) {
    return plan.paths().stream()
        .map(p -> p.to().slot() + " " + p.from().version() + "->" + p.to().version())
        .toList();
  }

  private RequestPlan threeReleases(int previous, Set<String> platforms, Set<String> locales)
      throws Exception {
    Release to =
        ReleaseLoader.load(
            Releases.dir(tmp.resolve("to"), "3.0", "linux/de", "linux/en-US", "linux/fr", "win/de")
                .toString(),
            "firefox");
    Release f1 =
        ReleaseLoader.load(
            Releases.dir(tmp.resolve("f1"), "2.0", "linux/de", "linux/en-US", "linux/ja", "win/de")
                .toString(),
            "firefox");
    Release f2 =
        ReleaseLoader.load(
            Releases.dir(tmp.resolve("f2"), "1.0", "linux/de").toString(), "firefox");
    return RequestBuilder.build(
        to, List.of(f1, f2), previous, platforms, locales, null, p -> false);
  }

  @Test
  void pairsEverySlotPresentOnBothSidesAndReportsTheRest() throws Exception {
    RequestPlan plan = threeReleases(0, Set.of(), Set.of());
    assertEquals(
        List.of(
            "linux/de 2.0->3.0", "linux/en-US 2.0->3.0", "win/de 2.0->3.0", "linux/de 1.0->3.0"),
        describe(plan));
    assertEquals(
        List.of(
            "linux fr 2.0 no FROM",
            "linux ja 2.0 no TO",
            "linux en-US 1.0 no FROM",
            "linux fr 1.0 no FROM",
            "win de 1.0 no FROM"),
        plan.missing().stream()
            .map(
                m ->
                    m.platform()
                        + " "
                        + m.locale()
                        + " "
                        + m.fromVersion()
                        + " "
                        + m.reason().substring(0, m.reason().indexOf(" MAR")))
            .toList());
  }

  @Test
  void directoryMarsGetTheirSha512AndFileUrls() throws Exception {
    RequestPlan plan = threeReleases(1, Set.of(), Set.of("de"));
    assertEquals(List.of("linux/de 2.0->3.0", "win/de 2.0->3.0"), describe(plan));
    RequestPlan.UpdatePath p = plan.paths().get(0);
    Path mar = tmp.resolve("f1/linux/de/firefox-2.0.complete.mar");
    assertEquals(mar.toUri().toString(), p.from().url());
    assertTrue(p.from().url().startsWith("file:/"));
    String expected =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(mar)));
    assertEquals(expected, p.from().sha512());
    assertEquals("firefox", p.to().product());
    assertEquals("3.0", p.to().version());
  }

  @Test
  void platformFilterAndDoneFilter() throws Exception {
    RequestPlan plan = threeReleases(0, Set.of("win"), Set.of());
    assertEquals(List.of("win/de 2.0->3.0"), describe(plan));
    assertEquals(1, plan.missing().size());
    Release to = ReleaseLoader.load(tmp.resolve("to").toString(), "firefox");
    Release f1 = ReleaseLoader.load(tmp.resolve("f1").toString(), "firefox");
    RequestPlan skipped =
        RequestBuilder.build(
            to, List.of(f1), 0, Set.of(), Set.of(), "release", p -> p.to().locale().equals("de"));
    assertEquals(List.of("linux/en-US 2.0->3.0"), describe(skipped));
    assertEquals(2, skipped.alreadyDone());
    assertEquals("release", skipped.paths().get(0).channel());
  }

  @Test
  void manifestsInCsvAndJson() throws Exception {
    String sha = "AB".repeat(64);
    Path csv = tmp.resolve("m.csv");
    Files.writeString(
        csv,
        "url,SHA512,platform,locale,version\r\n"
            + "\"https://example.org/a,b.mar\","
            + sha
            + ",linux-x86_64,de,3.0\r\n"
            + "s3a://bucket/en.mar,"
            + sha
            + ",linux-x86_64,en-US,3.0\r\n",
        StandardCharsets.UTF_8);
    Release r = ReleaseLoader.load(csv.toString(), "thunderbird");
    assertEquals("3.0", r.version());
    CompleteMar de = r.bySlot().get("linux-x86_64/de");
    assertEquals("https://example.org/a,b.mar", de.url());
    assertEquals(sha.toLowerCase(java.util.Locale.ROOT), de.sha512());
    assertEquals("thunderbird", de.product());
    Path json = tmp.resolve("m.json");
    Files.writeString(
        json,
        "[{\"url\":\"https://x/y.mar\",\"sha512\":\""
            + sha
            + "\",\"platform\":\"mac\","
            + "\"locale\":\"fr\",\"version\":\"2.0\",\"product\":\"firefox\"}]");
    assertEquals(
        "https://x/y.mar", ReleaseLoader.load(json.toString(), "x").bySlot().get("mac/fr").url());
    Path jsonl = tmp.resolve("m.jsonl");
    Files.writeString(
        jsonl,
        "{\"url\":\"u1\",\"sha512\":\""
            + sha
            + "\",\"platform\":\"mac\",\"locale\":\"fr\",\"version\":\"2.0\"}\n"
            + "{\"url\":\"u2\",\"sha512\":\""
            + sha
            + "\",\"platform\":\"mac\",\"locale\":\"de\",\"version\":\"2.0\"}\n");
    assertEquals(2, ReleaseLoader.load(jsonl.toString(), "firefox").bySlot().size());
  }

  @Test
  void badInputsAreClearErrors() throws Exception {
    String sha = "ab".repeat(64);
    assertError("missing sha512", "url,platform,locale,version\nu,linux,de,1\n", "m1.csv");
    assertError(
        "128 hex digits", "url,sha512,platform,locale,version\nu,abc,linux,de,1\n", "m2.csv");
    assertError(
        "mixes versions",
        "url,sha512,platform,locale,version\nu," + sha + ",l,de,1\nv," + sha + ",l,fr,2\n",
        "m3.csv");
    assertError(
        "two complete MARs",
        "url,sha512,platform,locale,version\nu," + sha + ",l,de,1\nv," + sha + ",l,de,1\n",
        "m4.csv");
    assertError("unterminated", "url,sha512\n\"u,", "m5.csv");
    assertError("not valid JSON", "[{\"url\": ", "m6.json");
    assertError("unknown manifest type", "x", "m7.txt");
    RequestBuildException e =
        assertThrows(
            RequestBuildException.class,
            () -> ReleaseLoader.load(tmp.resolve("nope").toString(), "firefox"));
    assertTrue(e.getMessage().contains("not found"), e.getMessage());
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThrows(RequestBuildException.class, () -> ReleaseLoader.load(empty.toString(), "f"));
    Path badName = tmp.resolve("bad/linux/de");
    Files.createDirectories(badName);
    Files.writeString(badName.resolve("latest.complete.mar"), "x");
    e =
        assertThrows(
            RequestBuildException.class,
            () -> ReleaseLoader.load(tmp.resolve("bad").toString(), "firefox"));
    assertTrue(e.getMessage().contains("<product>-<version>"), e.getMessage());
  }

  @Test
  void singleMarPairSharedByLocales() throws Exception {
    Path a = tmp.resolve("a.mar");
    Path b = tmp.resolve("b.mar");
    Files.writeString(a, "from");
    Files.writeString(b, "to");
    Path out = tmp.resolve("req.csv");
    int status =
        new RequestsCommand()
            .run(
                List.of(
                    "--from",
                    a.toString(),
                    "--to",
                    b.toString(),
                    "--locales",
                    "de,fr",
                    "--out",
                    out.toString()),
                System.out,
                new java.io.PrintStream(
                    new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(0, status);
    List<String> lines = Files.readAllLines(out);
    assertEquals(3, lines.size());
    assertTrue(lines.get(0).startsWith("product,platform,locale,from_version,to_version,from_url"));
    assertTrue(
        lines.get(1).startsWith("firefox,linux-x86_64,de,1.0,2.0," + a.toUri() + "," + b.toUri()),
        lines.get(1));
    assertTrue(lines.get(2).contains(",fr,") && lines.get(2).contains(",release,"), lines.get(2));
  }

  private void assertError(String expected, String content, String name) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, content);
    RequestBuildException e =
        assertThrows(
            RequestBuildException.class, () -> ReleaseLoader.load(f.toString(), "firefox"));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
