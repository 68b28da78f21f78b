/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.senbonzakura.jobs.pipeline.Versions;

/** The API's JSON shapes of a partial (one place, for GET, POST, the list and the page). */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final List<String> SHOWN =
      List.of(
          "product",
          "platform",
          "locale",
          "from_version",
          "to_version",
          "channel",
          "format",
          "from_sha512",
          "to_sha512");

  private Json() {}

  /** The request's columns, from its queue row or else its results row. */
  static Map<String, String> requestFields(Registry.View v) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v.item() != null && v.item().request() != null) {
      for (String c : SHOWN) {
        out.put(c, v.item().request().get(c));
      }
      return out;
    }
    Result r = v.result();
    out.put("product", r.product());
    out.put("platform", r.platform());
    out.put("locale", r.locale());
    out.put("from_version", r.fromVersion());
    out.put("to_version", r.toVersion());
    return out;
  }

  /**
   * {@code {id, status, phase?, reason?, request, partial?, links}}; {@code partial} is the
   * metadata Balrog needs (URL, size, sha512, build ids, generator version) once done.
   */
  static ObjectNode view(Registry.View v, String base) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", v.id());
    o.put("status", v.status());
    if (v.phase() != null) {
      o.put("phase", v.phase());
    }
    Result r = v.result();
    if (v.status().equals("failed") && r != null) {
      o.put("reason", r.error());
    }
    ObjectNode req = o.putObject("request");
    requestFields(v).forEach(req::put);
    String self = "/partials/" + v.id();
    if (v.status().equals("done")) {
      ObjectNode p = o.putObject("partial");
      p.put("url", base + self + "/mar");
      p.put("size", r.partialSize());
      p.put("hashFunction", "sha512");
      p.put("hashValue", r.partialSha512());
      p.put("from_buildid", r.fromBuildId());
      p.put("to_buildid", r.toBuildId());
      p.put("generator_version", r.generatorVersion());
      p.put("run_id", r.runId());
      p.put("storage_path", r.partialPath());
    }
    ObjectNode links = o.putObject("links");
    links.put("self", base + self);
    links.put("mar", base + self + "/mar");
    return o;
  }

  /** The generator this build would write, for /healthz. */
  static String generator() {
    return Versions.GENERATOR;
  }
}
