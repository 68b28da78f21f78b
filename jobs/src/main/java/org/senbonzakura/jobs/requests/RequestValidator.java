/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requests;

import static org.senbonzakura.jobs.requests.RequestSchema.*;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.senbonzakura.jobs.fetch.FetchException;
import org.senbonzakura.jobs.fetch.UrlPolicy;
import org.senbonzakura.jobs.storage.Digests;
import scala.collection.JavaConverters;

/**
 * Checks one raw request row and gives it its id. A bad row is not dropped: it comes out with an
 * {@code error} naming the first problem, so the run reports it as failed and goes on with the
 * others.
 */
public final class RequestValidator implements MapFunction<Row, Row>, Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");
  private static final Pattern CHANNEL_NAME = Pattern.compile("[A-Za-z0-9._+-]{0,64}");

  private final UrlPolicy urls;

  public RequestValidator(UrlPolicy urls) {
    this.urls = urls;
  }

  @Override
  public Row call(Row raw) {
    String[] v = new String[REQUIRED.size() + 2];
    for (int i = 0; i < REQUIRED.size(); i++) {
      v[i] = trimmed(raw, REQUIRED.get(i));
    }
    String channel = trimmed(raw, CHANNEL);
    String format = trimmed(raw, FORMAT);
    format = format == null || format.isEmpty() ? "current" : format.toLowerCase(Locale.ROOT);
    List<String> forced = new ArrayList<>();
    String error = null;
    try {
      String malformed = trimmed(raw, MALFORMED);
      if (malformed != null) {
        throw new InvalidRequestException(
            "unparseable input line: "
                + (malformed.length() > 80 ? malformed.substring(0, 80) + "..." : malformed));
      }
      forced = forcedFiles(trimmed(raw, FORCED_FILES));
      check(v, channel, format);
    } catch (InvalidRequestException e) {
      error = e.getMessage();
    }
    for (int i = 0; i < 2; i++) {
      int shaIndex = REQUIRED.indexOf(i == 0 ? FROM_SHA512 : TO_SHA512);
      if (v[shaIndex] != null) {
        v[shaIndex] = v[shaIndex].toLowerCase(Locale.ROOT);
      }
    }
    String id = requestId(v, channel, format, forced);
    List<Object> out = new ArrayList<>();
    out.add(id);
    for (int i = 0; i < REQUIRED.size(); i++) {
      out.add(v[i]);
    }
    out.add(channel);
    out.add(format);
    out.add(JavaConverters.asScalaBuffer(forced).toList());
    out.add(error);
    return RowFactory.create(out.toArray());
  }

  private void check(String[] v, String channel, String format) throws InvalidRequestException {
    for (int i = 0; i < REQUIRED.size(); i++) {
      if (v[i] == null || v[i].isEmpty()) {
        throw new InvalidRequestException("missing " + REQUIRED.get(i));
      }
    }
    for (String name : List.of(PRODUCT, PLATFORM, LOCALE, FROM_VERSION, TO_VERSION)) {
      String value = v[REQUIRED.indexOf(name)];
      if (!NAME.matcher(value).matches()) {
        throw new InvalidRequestException(
            "malformed " + name + " '" + value + "' (letters, digits, . _ + -)");
      }
    }
    for (String name : List.of(FROM_SHA512, TO_SHA512)) {
      String value = v[REQUIRED.indexOf(name)];
      if (!Digests.isHex(value, 128)) {
        throw new InvalidRequestException(
            "malformed " + name + " (expected 128 hex digits): '" + value + "'");
      }
    }
    String from = v[REQUIRED.indexOf(FROM_SHA512)];
    if (from.equalsIgnoreCase(v[REQUIRED.indexOf(TO_SHA512)])) {
      throw new InvalidRequestException(
          "from and to are the same MAR (sha512 "
              + from.substring(0, 16).toLowerCase(Locale.ROOT)
              + "...): nothing to update");
    }
    if (channel != null && !CHANNEL_NAME.matcher(channel).matches()) {
      throw new InvalidRequestException("malformed channel '" + channel + "'");
    }
    if (!format.equals("current") && !format.equals("legacy")) {
      throw new InvalidRequestException("format must be current or legacy, got '" + format + "'");
    }
    for (String name : List.of(FROM_URL, TO_URL)) {
      try {
        urls.check(v[REQUIRED.indexOf(name)]);
      } catch (FetchException e) {
        throw new InvalidRequestException(name + ": " + e.getMessage());
      }
    }
  }

  /** Forced files: separated by commas, spaces or newlines (or a JSON-like list); sorted. */
  static List<String> forcedFiles(String text) throws InvalidRequestException {
    if (text == null || text.isEmpty()) {
      return new ArrayList<>();
    }
    String s = text;
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1).replace("\"", " ");
    }
    TreeSet<String> paths = new TreeSet<>();
    for (String p : s.split("[,\\s]+")) {
      if (p.isEmpty()) {
        continue;
      }
      if (p.startsWith("/") || p.contains("\"") || p.contains("\\") || hasDotDot(p)) {
        throw new InvalidRequestException("malformed forced_files entry '" + p + "'");
      }
      paths.add(p);
    }
    return new ArrayList<>(paths);
  }

  private static boolean hasDotDot(String p) {
    for (String part : p.split("/")) {
      if (part.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The id of a request: a hash of everything that determines its partial (not the URLs, which may
   * move while the content, named by its SHA-512, stays the same).
   */
  static String requestId(String[] v, String channel, String format, List<String> forced) {
    StringBuilder key = new StringBuilder();
    for (String name :
        List.of(PRODUCT, PLATFORM, LOCALE, FROM_VERSION, TO_VERSION, FROM_SHA512, TO_SHA512)) {
      String value = v[REQUIRED.indexOf(name)];
      key.append(value == null ? "" : value).append('\u0000');
    }
    key.append(channel == null ? "" : channel).append('\u0000').append(format).append('\u0000');
    key.append(String.join("\n", forced));
    byte[] digest = Digests.sha256().digest(key.toString().getBytes(StandardCharsets.UTF_8));
    return Digests.hex(digest).substring(0, 32);
  }

  private static String trimmed(Row r, String column) {
    int i;
    try {
      i = r.fieldIndex(column);
    } catch (IllegalArgumentException e) {
      return null;
    }
    Object o = r.get(i);
    return o == null ? null : o.toString().trim();
  }
}
