/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the run report as one self-contained HTML page: inline CSS, inline SVG charts, no
 * scripts, no external resources, so it opens offline and can be mailed or archived as one file.
 */
public final class ReportPage {
  /** Chart colours (also what the screenshot test looks for). */
  public static final String L1_COLOUR = "#1f77b4";

  public static final String L2_COLOUR = "#ff7f0e";
  public static final List<String> PHASE_COLOURS =
      List.of("#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2");
  public static final List<String> PHASES =
      List.of("fetch", "explode", "pairs", "diff", "assemble");
  public static final List<String> PLATFORM_COLOURS =
      List.of("#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#ad494a", "#637939");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private ReportPage() {}

  public static String render(ReportData d, Instant generatedAt) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
        .append(" style-src 'unsafe-inline'\">")
        .append("<title>sbz run report</title><style>")
        .append(CSS)
        .append("</style></head><body>\n<h1>sbz run report</h1>\n<p class=\"meta\">Generated ")
        .append(Html.escape(TIME.format(generatedAt)))
        .append(". ")
        .append(d.runs().size())
        .append(" recent run(s), ")
        .append(d.totalFailed())
        .append(" failed request(s) in the results table.</p>\n");
    lastRuns(h, d.runs());
    hitRates(h, d.runs());
    phases(h, d.runs());
    sizes(h, d);
    failures(h, d);
    return h.append("</body></html>\n").toString();
  }

  private static void lastRuns(StringBuilder h, List<ReportData.Run> runs) {
    h.append("<section id=\"runs\"><h2>Last runs</h2>\n");
    if (runs.isEmpty()) {
      h.append("<p class=\"empty\">No runs recorded yet.</p></section>\n");
      return;
    }
    h.append("<table><thead><tr>");
    for (String c :
        List.of(
            "run",
            "started",
            "wall",
            "requests",
            "done",
            "reused",
            "failed",
            "distinct pairs",
            "cache hits",
            "diffs computed",
            "L1 hit rate",
            "L2 hit rate",
            "generator")) {
      h.append("<th>").append(Html.escape(c)).append("</th>");
    }
    h.append("</tr></thead><tbody>\n");
    for (ReportData.Run r : runs) {
      h.append(r.failed() > 0 ? "<tr class=\"bad\">" : "<tr>");
      cell(h, r.runId());
      cell(h, r.startedAt() == null ? "" : TIME.format(r.startedAt().toInstant()));
      cell(h, seconds(r.wallMs()));
      cell(h, r.requests());
      cell(h, r.done());
      cell(h, r.reused());
      cell(h, r.failed());
      cell(h, r.distinctPairs());
      cell(h, r.cacheHits());
      cell(h, r.diffsComputed());
      cell(h, percent(r.l1HitRate()));
      cell(h, percent(r.l2HitRate()));
      cell(h, r.generatorVersion());
      h.append("</tr>\n");
    }
    h.append("</tbody></table></section>\n");
  }

  private static void hitRates(StringBuilder h, List<ReportData.Run> newestFirst) {
    h.append("<section id=\"cache\"><h2>Cache hit rates</h2>\n");
    if (newestFirst.isEmpty()) {
      h.append("<p class=\"empty\">No runs recorded yet.</p></section>\n");
      return;
    }
    List<ReportData.Run> runs = chronological(newestFirst);
    List<Double> l1 = new ArrayList<>();
    List<Double> l2 = new ArrayList<>();
    for (ReportData.Run r : runs) {
      l1.add(100 * r.l1HitRate());
      l2.add(100 * r.l2HitRate());
    }
    h.append(
            "<p>L1: complete MARs already fetched by an earlier run. L2: (old, new) file pairs"
                + " found in the patch cache instead of diffed.</p>\n")
        .append(
            GroupedBarChart.render(
                "hit-rates",
                "Cache hit rates per run",
                "%",
                labels(runs),
                List.of(
                    new Series("L1 (complete MARs)", L1_COLOUR, l1),
                    new Series("L2 (patch cache)", L2_COLOUR, l2)),
                100))
        .append("</section>\n");
  }

  private static void phases(StringBuilder h, List<ReportData.Run> newestFirst) {
    h.append("<section id=\"phases\"><h2>Time per phase</h2>\n");
    if (newestFirst.isEmpty()) {
      h.append("<p class=\"empty\">No runs recorded yet.</p></section>\n");
      return;
    }
    List<ReportData.Run> runs = chronological(newestFirst);
    List<Series> series = new ArrayList<>();
    for (int p = 0; p < PHASES.size(); p++) {
      List<Double> v = new ArrayList<>();
      for (ReportData.Run r : runs) {
        long ms =
            switch (p) {
              case 0 -> r.fetchMs();
              case 1 -> r.explodeMs();
              case 2 -> r.pairsMs();
              case 3 -> r.diffMs();
              default -> r.assembleMs();
            };
        v.add(ms / 1000.0);
      }
      series.add(new Series(PHASES.get(p), PHASE_COLOURS.get(p), v));
    }
    h.append(
            StackedBarChart.render("phases", "Time per phase, per run", " s", labels(runs), series))
        .append("</section>\n");
  }

  private static void sizes(StringBuilder h, ReportData d) {
    h.append("<section id=\"sizes\"><h2>Partial size against complete size</h2>\n");
    if (d.sizes().isEmpty()) {
      h.append("<p class=\"empty\">No finished partials with a known complete size.</p>")
          .append("</section>\n");
      return;
    }
    List<ScatterChart.Point> points = new ArrayList<>();
    for (ReportData.SizePoint p : d.sizes()) {
      points.add(
          new ScatterChart.Point(
              p.completeSize() / 1e6,
              p.partialSize() / 1e6,
              p.platform(),
              p.platform()
                  + " "
                  + p.locale()
                  + " "
                  + p.fromVersion()
                  + " -> "
                  + p.toVersion()
                  + ": partial "
                  + bytes(p.partialSize())
                  + " of complete "
                  + bytes(p.completeSize())));
    }
    h.append(
        ScatterChart.render(
            "sizes",
            "Partial size against complete size",
            "complete MAR (MB)",
            "partial MAR (MB)",
            points,
            PLATFORM_COLOURS));
    h.append("<table><thead><tr><th>platform</th><th>partials</th><th>partial bytes</th>")
        .append("<th>complete bytes</th><th>partial / complete</th></tr></thead><tbody>\n");
    for (ReportData.PlatformSizes p : d.platformSizes()) {
      h.append("<tr>");
      cell(h, p.platform());
      cell(h, p.partials());
      cell(h, bytes(p.partialBytes()));
      cell(h, bytes(p.completeBytes()));
      cell(h, String.format(Locale.ROOT, "%.1f%%", p.percent()));
      h.append("</tr>\n");
    }
    h.append("</tbody></table></section>\n");
  }

  private static void failures(StringBuilder h, ReportData d) {
    h.append("<section id=\"failures\"><h2>Failures</h2>\n");
    if (d.totalFailed() == 0) {
      h.append("<p class=\"empty ok\">No failed requests.</p></section>\n");
      return;
    }
    h.append("<h3>Reasons</h3><table class=\"reasons\"><thead><tr><th>requests</th>")
        .append("<th>error</th></tr></thead><tbody>\n");
    for (ReportData.Reason r : d.reasons()) {
      h.append("<tr>");
      cell(h, r.count());
      h.append("<td class=\"error\">").append(Html.escape(r.error())).append("</td></tr>\n");
    }
    h.append("</tbody></table>\n<h3>Most recent failed requests</h3>")
        .append("<table class=\"failures\"><thead><tr><th>run</th><th>platform</th>")
        .append("<th>locale</th><th>from</th><th>to</th><th>error</th></tr></thead><tbody>\n");
    for (ReportData.Failure f : d.failures()) {
      h.append("<tr>");
      cell(h, f.runId());
      cell(h, f.platform());
      cell(h, f.locale());
      cell(h, f.fromVersion());
      cell(h, f.toVersion());
      h.append("<td class=\"error\">").append(Html.escape(f.error())).append("</td></tr>\n");
    }
    h.append("</tbody></table></section>\n");
  }

  private static List<ReportData.Run> chronological(List<ReportData.Run> newestFirst) {
    List<ReportData.Run> runs = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(runs);
    return runs;
  }

  /** Chart labels: the run id (the table above gives the dates). */
  private static List<String> labels(List<ReportData.Run> runs) {
    List<String> out = new ArrayList<>();
    for (ReportData.Run r : runs) {
      String id = r.runId();
      out.add(id.length() > 28 ? id.substring(0, 27) + "\u2026" : id);
    }
    return out;
  }

  private static void cell(StringBuilder h, Object value) {
    boolean number = value instanceof Number;
    h.append(number ? "<td class=\"num\">" : "<td>")
        .append(Html.escape(value == null ? "" : value.toString()))
        .append("</td>");
  }

  static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * rate);
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    do {
      v /= 1024;
      u++;
    } while (v >= 1024 && u < units.length - 1);
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  private static final String CSS =
      "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#222;"
          + "background:#fff;max-width:1200px}"
          + "h1{margin:0 0 4px}h2{margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}"
          + ".meta{color:#666}.empty{color:#777;font-style:italic}.ok{color:#2a7a2a}"
          + "table{border-collapse:collapse;font-size:13px;margin:8px 0}"
          + "th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}"
          + "td{white-space:nowrap}"
          + "th{background:#f4f4f4}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
          + "tr.bad td{background:#fff0f0}td.error{font-family:monospace;white-space:pre-wrap;"
          + "max-width:700px;word-break:break-word}"
          + "svg.chart{display:block;margin:8px 0;font-size:11px;font-family:sans-serif}"
          + "svg.chart text{fill:#333}";
}
