/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requestbuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a release from a directory ({@code <platform>/<locale>/<product>-<version>.complete.mar},
 * as Mozilla names them; SHA-512s are computed, URLs are {@code file:} URLs) or from a manifest: a
 * CSV file with a header, or JSON (an array of objects, or one object per line), with the fields
 * {@code url, sha512, platform, locale, version} and optionally {@code product}.
 */
public final class ReleaseLoader {
  private static final Pattern MAR_NAME =
      Pattern.compile(
          "(?<product>[A-Za-z][A-Za-z0-9_-]*?)-(?<version>[0-9][A-Za-z0-9._+-]*)\\.complete\\.mar");
  private static final Pattern SHA512 = Pattern.compile("[0-9a-fA-F]{128}");
  static final List<String> MANIFEST_FIELDS =
      List.of("url", "sha512", "platform", "locale", "version");

  private ReleaseLoader() {}

  /**
   * Loads {@code source}: a directory, a {@code .csv} manifest or a {@code .json}/{@code .jsonl}
   * manifest. {@code product} names the product when the manifest has no product column (default
   * firefox).
   */
  public static Release load(String source, String product) throws RequestBuildException {
    Path p = Path.of(source);
    if (Files.isDirectory(p)) {
      return Release.of(source, directory(p));
    }
    if (!Files.isRegularFile(p)) {
      throw new RequestBuildException("release not found: " + source);
    }
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    String text;
    try {
      text = Files.readString(p);
    } catch (IOException e) {
      throw new RequestBuildException("cannot read manifest " + source + ": " + e.getMessage(), e);
    }
    List<Map<String, String>> rows;
    if (name.endsWith(".csv")) {
      rows = Csv.parse(text, source);
    } else if (name.endsWith(".json") || name.endsWith(".jsonl")) {
      rows = json(text, source);
    } else {
      throw new RequestBuildException(
          "unknown manifest type " + source + " (expected a directory, .csv, .json or .jsonl)");
    }
    List<CompleteMar> mars = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      mars.add(entry(rows.get(i), source + " entry " + (i + 1), product));
    }
    return Release.of(source, mars);
  }

  private static CompleteMar entry(Map<String, String> row, String where, String product)
      throws RequestBuildException {
    for (String f : MANIFEST_FIELDS) {
      String v = row.get(f);
      if (v == null || v.isBlank()) {
        throw new RequestBuildException(where + ": missing " + f);
      }
    }
    String sha = row.get("sha512").trim();
    if (!SHA512.matcher(sha).matches()) {
      throw new RequestBuildException(where + ": sha512 must be 128 hex digits, got '" + sha + "'");
    }
    String prod = row.getOrDefault("product", "");
    return new CompleteMar(
        prod == null || prod.isBlank() ? product : prod.trim(),
        row.get("platform").trim(),
        row.get("locale").trim(),
        row.get("version").trim(),
        row.get("url").trim(),
        sha.toLowerCase(Locale.ROOT));
  }

  private static List<CompleteMar> directory(Path root) throws RequestBuildException {
    List<CompleteMar> mars = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root, 3)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        Path rel = root.relativize(f);
        String fileName = f.getFileName().toString();
        if (!fileName.endsWith(".complete.mar")) {
          continue;
        }
        if (rel.getNameCount() != 3) {
          throw new RequestBuildException(
              "complete MAR outside <platform>/<locale>/: "
                  + f
                  + " (layout: "
                  + root
                  + "/<platform>/<locale>/<product>-<version>.complete.mar)");
        }
        Matcher m = MAR_NAME.matcher(fileName);
        if (!m.matches()) {
          throw new RequestBuildException(
              "cannot read product and version from "
                  + f
                  + " (expected <product>-<version>.complete.mar)");
        }
        mars.add(
            new CompleteMar(
                m.group("product"),
                rel.getName(0).toString(),
                rel.getName(1).toString(),
                m.group("version"),
                f.toAbsolutePath().normalize().toUri().toString(),
                sha512(f)));
      }
    } catch (IOException e) {
      throw new RequestBuildException("cannot read release directory " + root + ": " + e, e);
    }
    return mars;
  }

  /** The SHA-512 of a file, as lower-case hex. */
  public static String sha512(Path f) throws IOException {
    MessageDigest d;
    try {
      d = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-512", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(f)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static List<Map<String, String>> json(String text, String source)
      throws RequestBuildException {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> nodes = new ArrayList<>();
    String trimmed = text.trim();
    try {
      if (trimmed.startsWith("[")) {
        mapper.readTree(trimmed).forEach(nodes::add);
      } else if (trimmed.startsWith("{") && !trimmed.contains("\n{")) {
        JsonNode root = mapper.readTree(trimmed);
        JsonNode mars = root.path("mars");
        if (mars.isArray()) {
          mars.forEach(nodes::add);
        } else {
          nodes.add(root);
        }
      } else {
        int line = 0;
        for (String l : text.split("\n")) {
          line++;
          if (!l.isBlank()) {
            try {
              nodes.add(mapper.readTree(l));
            } catch (IOException e) {
              throw new RequestBuildException(source + " line " + line + ": not JSON", e);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new RequestBuildException(source + ": not valid JSON: " + e.getMessage(), e);
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (JsonNode n : nodes) {
      if (!n.isObject()) {
        throw new RequestBuildException(source + ": each MAR must be a JSON object, got " + n);
      }
      Map<String, String> row = new LinkedHashMap<>();
      n.fields()
          .forEachRemaining(
              e -> row.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
      rows.add(row);
    }
    return rows;
  }
}
