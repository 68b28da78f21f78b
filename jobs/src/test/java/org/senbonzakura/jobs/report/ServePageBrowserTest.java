/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.PipelineRunFixture;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.ConfigLoader;
import org.senbonzakura.jobs.pipeline.RunStats;
import org.senbonzakura.jobs.serve.PartialService;
import org.senbonzakura.jobs.serve.ServeSettings;

/**
 * {@code GET /} of a real service on the tables of two real pipeline runs ({@link
 * PipelineRunFixture}), opened in headless Chromium: the recent-requests table has one row per
 * results row with its status, the run report below it lists every run and draws its charts, and
 * the screenshot shows the report's colours. Page and screenshot are kept under {@code
 * jobs/target/serve/}.
 */
class ServePageBrowserTest {
  @TempDir Path tmp;

  @Test
  void homePageShowsRequestsRunsAndTheReportInChromium() throws Exception {
    SparkSession spark = TestSpark.session();
    PipelineRunFixture fixture = PipelineRunFixture.shared();
    List<Row> results = fixture.results(spark);
    Map<String, Object> flags = new HashMap<>();
    flags.put("sbz.storage-root", fixture.config().storageRoot);
    flags.put("sbz.serve.port", 0);
    ServeSettings settings = ServeSettings.from(ConfigLoader.resolve(null, flags));
    String html;
    try (PartialService service = new PartialService(spark, fixture.config(), settings).start()) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
      html = r.body();
    }
    Path artifacts = Path.of("target", "serve");
    Files.createDirectories(artifacts);
    Path page = artifacts.resolve("serve.html");
    Files.writeString(page, html);
    assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "page must be self-contained");

    HeadlessChromium chromium = HeadlessChromium.find();
    String dom = chromium.dumpDom(page, tmp.resolve("profile-dom"));
    int recent = dom.indexOf("<table id=\"recent\">");
    assertTrue(recent >= 0, "the page has the recent requests table");
    String table = dom.substring(recent, dom.indexOf("</table>", recent));
    assertEquals(
        Math.min(50, results.size()),
        ReportDom.parse(dom).count("table#recent tbody tr > td:first-child > a[href^=/partials/]"),
        "one row per request");
    for (Row row : results) {
      String id = row.getAs("request_id");
      String status = "failed".equals(row.getAs("status")) ? "failed" : "done";
      assertTrue(
          table.contains(id.substring(0, 12) + "</code></a></td><td>" + status + "</td>"),
          id + " listed as " + status);
    }
    List<RunStats> runs = fixture.runs();
    for (RunStats s : runs) {
      assertTrue(dom.contains(">" + Html.escape(s.runId) + "<"), "run " + s.runId + " listed");
    }
    assertEquals(2 * runs.size(), ReportDom.parse(dom).count("rect.bar"));
    assertFalse(dom.contains("<script"), "no script");

    Path png = artifacts.resolve("serve.png");
    chromium.screenshot(page, png, 1280, 3000, tmp.resolve("profile-shot"));
    BufferedImage img = ImageIO.read(png.toFile());
    Map<Integer, Integer> pixels = new HashMap<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        pixels.merge(img.getRGB(x, y) & 0xffffff, 1, Integer::sum);
      }
    }
    for (String colour : List.of(ReportPage.L1_COLOUR, ReportPage.L2_COLOUR)) {
      int n = pixels.getOrDefault(Integer.parseInt(colour.substring(1), 16), 0);
      assertTrue(n >= 60, "colour " + colour + " covers only " + n + " pixels of the screenshot");
    }
  }
}
