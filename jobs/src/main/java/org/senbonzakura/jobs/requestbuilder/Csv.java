/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requestbuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 4180 CSV, just enough for manifests and request files: a header line, quoted fields with
 * doubled quotes, commas and newlines inside quotes.
 */
final class Csv {
  private Csv() {}

  /** Rows as maps from (lower-cased, trimmed) header names to values. */
  static List<Map<String, String>> parse(String text, String source) throws RequestBuildException {
    List<List<String>> records = records(text, source);
    if (records.isEmpty()) {
      throw new RequestBuildException(source + ": empty CSV (a header line is required)");
    }
    List<String> header = new ArrayList<>();
    for (String h : records.get(0)) {
      header.add(h.trim().toLowerCase(Locale.ROOT));
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (int r = 1; r < records.size(); r++) {
      List<String> rec = records.get(r);
      if (rec.size() == 1 && rec.get(0).isBlank()) {
        continue;
      }
      if (rec.size() != header.size()) {
        throw new RequestBuildException(
            source + " record " + r + ": " + rec.size() + " fields, header has " + header.size());
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), rec.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<List<String>> records(String text, String source)
      throws RequestBuildException {
    List<List<String>> out = new ArrayList<>();
    List<String> rec = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      any = true;
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        rec.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        rec.add(field.toString());
        field.setLength(0);
        out.add(rec);
        rec = new ArrayList<>();
        any = false;
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new RequestBuildException(source + ": unterminated quoted field");
    }
    if (any) {
      rec.add(field.toString());
      out.add(rec);
    }
    return out;
  }

  /** One CSV field, quoted when it needs to be. */
  static String field(String v) {
    if (v == null) {
      return "";
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
