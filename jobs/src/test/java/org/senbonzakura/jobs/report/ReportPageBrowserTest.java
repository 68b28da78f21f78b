/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.PipelineRunFixture;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.pipeline.RunStats;

/**
 * Makes the report through {@code sbz report} from the Delta tables of two real pipeline runs
 * ({@link PipelineRunFixture}), opens it in headless Chromium, and checks that the charts are drawn
 * with the runs' data: the parsed DOM has one bar per run and cache layer, one segment per run and
 * phase, one point per finished partial and one failures row per failed request, with its reason;
 * the screenshot contains every chart colour. The page and screenshot are kept under {@code
 * jobs/target/report/} as build artifacts.
 */
class ReportPageBrowserTest {
  @TempDir Path tmp;

  @Test
  void reportRendersChartsWithDataInChromium() throws Exception {
    SparkSession spark = TestSpark.session();
    PipelineRunFixture fixture = PipelineRunFixture.shared();
    List<RunStats> runs = fixture.runs();
    List<Row> results = fixture.results(spark);
    List<Row> failed = withStatus(results, List.of("failed"));
    Path artifacts = Path.of("target", "report");
    Files.createDirectories(artifacts);
    Path page = artifacts.resolve("report.html");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new ReportCommand()
            .run(
                List.of(
                    "--storage-root",
                    fixture.config().storageRoot,
                    "--fail-on-failures",
                    "-o",
                    page.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    String log = err.toString(StandardCharsets.UTF_8);
    assertTrue(runs.get(runs.size() - 1).failed > 0, "the fixture's last run has failures");
    assertEquals(ReportCommand.FAILURES, status, log);
    assertTrue(log.contains(runs.get(runs.size() - 1).runId), log);

    String html = Files.readString(page);
    assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "page must be self-contained");
    for (RunStats s : runs) {
      assertTrue(html.contains(">" + Html.escape(s.runId) + "<"), "run " + s.runId + " listed");
    }
    Matcher table = Pattern.compile("(?s)<table class=\"failures\">.*?</table>").matcher(html);
    assertTrue(table.find(), "the page has a failures table");
    for (Row f : failed) {
      String row =
          Stream.of("platform", "locale", "from_version", "to_version")
                  .map(c -> "<td>" + Html.escape(f.getAs(c)) + "</td>")
                  .collect(Collectors.joining())
              + "<td class=\"error\">"
              + Html.escape(f.getAs("error"))
              + "</td>";
      assertTrue(table.group().contains(row), "failures table lacks " + row);
    }

    HeadlessChromium chromium = HeadlessChromium.find();
    String dom = chromium.dumpDom(page, tmp.resolve("profile-dom"));
    ReportDom parsed = ReportDom.parse(dom);
    assertEquals(2 * runs.size(), parsed.count("rect.bar"), "hit-rate bars");
    assertEquals(5 * runs.size(), parsed.count("rect.segment"), "phase segments");
    assertEquals(
        withStatus(results, List.of("done", "reused")).size(),
        parsed.count("circle.point"),
        "size points");
    assertEquals(failed.size(), parsed.count("table.failures td.error"), "failures");
    assertFalse(dom.contains("<script"), "the parsed DOM must not contain a script element");

    Path png = artifacts.resolve("report.png");
    chromium.screenshot(page, png, 1280, 2600, tmp.resolve("profile-shot"));
    BufferedImage img = ImageIO.read(png.toFile());
    Map<Integer, Integer> pixels = histogram(img);
    for (String colour :
        concat(
            List.of(ReportPage.L1_COLOUR, ReportPage.L2_COLOUR),
            ReportPage.PHASE_COLOURS,
            ReportPage.PLATFORM_COLOURS.subList(0, PipelineRunFixture.PLATFORMS.size()))) {
      int n = pixels.getOrDefault(Integer.parseInt(colour.substring(1), 16), 0);
      assertTrue(n >= 60, "colour " + colour + " covers only " + n + " pixels of the screenshot");
    }
    int white = pixels.getOrDefault(0xffffff, 0);
    assertTrue(white < img.getWidth() * img.getHeight() * 0.97, "the page is almost blank");
  }

  private static List<Row> withStatus(List<Row> results, List<String> statuses) {
    return results.stream().filter(r -> statuses.contains(r.<String>getAs("status"))).toList();
  }

  private static List<String> concat(List<String> a, List<String> b, List<String> c) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    all.addAll(c);
    return all;
  }

  private static Map<Integer, Integer> histogram(BufferedImage img) {
    Map<Integer, Integer> h = new HashMap<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        h.merge(img.getRGB(x, y) & 0xffffff, 1, Integer::sum);
      }
    }
    return h;
  }
}
