/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import java.util.List;
import java.util.Map;
import org.senbonzakura.jobs.report.Html;

/**
 * {@code GET /}: the service's state (statuses, the most recent requests) in front of the run
 * report that {@code sbz report} draws ({@code ReportPage}, reused whole: its runs table, hit
 * rates, phase times, sizes and failures). One self-contained page, no script, no external file.
 */
final class HomePage {
  private HomePage() {}

  static String render(
      Map<String, Integer> counts, List<Registry.View> recent, String reportHtml, String note) {
    StringBuilder s = new StringBuilder();
    s.append("<section id=\"serve\"><h1>sbz serve</h1>\n<p class=\"meta\">");
    counts.forEach((k, v) -> s.append(Html.escape(k)).append(": ").append(v).append(" &middot; "));
    s.append(Html.escape(note)).append("</p>\n<h2>Recent requests</h2>\n");
    s.append("<table id=\"recent\"><thead><tr><th>id</th><th>status</th><th>product</th>")
        .append("<th>platform</th><th>locale</th><th>from</th><th>to</th><th>size</th>")
        .append("<th>reason</th></tr></thead><tbody>\n");
    for (Registry.View v : recent) {
      Map<String, String> r = Json.requestFields(v);
      Result res = v.result();
      String status = v.status() + (v.phase() == null ? "" : " (" + v.phase() + ")");
      s.append("<tr><td><a href=\"/partials/")
          .append(v.id())
          .append("\"><code>")
          .append(v.id(), 0, 12)
          .append("</code></a></td><td>")
          .append(Html.escape(status))
          .append("</td>");
      for (String c : List.of("product", "platform", "locale", "from_version", "to_version")) {
        s.append("<td>").append(Html.escape(String.valueOf(r.get(c)))).append("</td>");
      }
      s.append("<td>")
          .append(res != null && res.partialSize() != null && res.built() ? res.partialSize() : "")
          .append("</td><td>")
          .append(
              Html.escape(res != null && !res.built() && res.error() != null ? res.error() : ""))
          .append("</td></tr>\n");
    }
    s.append("</tbody></table></section>\n");
    int body = reportHtml.indexOf("<body>");
    if (body < 0) {
      return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>sbz serve</title></head>"
          + "<body>"
          + s
          + "</body></html>\n";
    }
    int at = body + "<body>".length();
    return reportHtml
            .substring(0, at)
            .replace("<title>sbz run report</title>", "<title>sbz serve</title>")
        + "\n"
        + s
        + reportHtml.substring(at);
  }
}
