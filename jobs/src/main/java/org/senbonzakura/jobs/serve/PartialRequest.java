/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.senbonzakura.jobs.fetch.FetchException;
import org.senbonzakura.jobs.fetch.UrlPolicy;
import org.senbonzakura.jobs.requests.RequestSchema;
import org.senbonzakura.jobs.requests.RequestValidator;
import org.senbonzakura.jobs.tables.QueueTable;
import scala.collection.JavaConverters;

/**
 * One requested partial as the API takes it: the columns of the requests table, validated by the
 * pipeline's own {@link RequestValidator}, so the id the client gets is the {@code request_id} the
 * run will compute and the checks are the run's checks, not a second copy of them.
 *
 * @param values the request columns by name ({@link RequestSchema#REQUIRED} and {@link
 *     RequestSchema#OPTIONAL}; {@code forced_files} joined by commas), as validated
 */
public record PartialRequest(String id, Map<String, String> values) {

  public String get(String column) {
    return values.get(column);
  }

  /** The columns as the requests table's text columns, for the queue and the run's input. */
  public static List<String> columns() {
    return QueueTable.REQUEST_COLUMNS;
  }

  /**
   * Parses a JSON body. Unknown fields, non-text values and every reason the pipeline's validator
   * gives become a {@link BadRequestException} naming the field; a URL outside the allow-list is a
   * 403, as the issue asks (the client may not make the service fetch there).
   */
  public static PartialRequest parse(JsonNode body, UrlPolicy urls) throws BadRequestException {
    if (body == null || !body.isObject()) {
      throw new BadRequestException(400, null, "the body must be a JSON object");
    }
    List<String> columns = columns();
    Map<String, String> raw = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode v = e.getValue();
      if (!columns.contains(name)) {
        throw new BadRequestException(400, name, "unknown field '" + name + "'");
      }
      if (v.isNull()) {
        continue;
      }
      if (name.equals(RequestSchema.FORCED_FILES) && v.isArray()) {
        List<String> files = new ArrayList<>();
        for (JsonNode f : v) {
          if (!f.isTextual()) {
            throw new BadRequestException(400, name, "forced_files must be a list of strings");
          }
          files.add(f.asText());
        }
        raw.put(name, String.join(",", files));
      } else if (v.isTextual()) {
        raw.put(name, v.asText());
      } else {
        throw new BadRequestException(400, name, name + " must be a string");
      }
    }
    for (String url : List.of(RequestSchema.FROM_URL, RequestSchema.TO_URL)) {
      String u = raw.get(url);
      if (u != null && !u.isBlank()) {
        try {
          urls.check(u.trim());
        } catch (FetchException e) {
          int status = e.getMessage().startsWith("URL not in the allow-list") ? 403 : 400;
          throw new BadRequestException(status, url, url + ": " + e.getMessage());
        }
      }
    }
    Object[] cells = new Object[RequestSchema.rawWithMalformed().size()];
    for (int i = 0; i < columns.size(); i++) {
      cells[i] = raw.get(columns.get(i));
    }
    // the validator's row carries no schema: read it by the validated schema's positions
    Row out =
        new RequestValidator(urls)
            .call(new GenericRowWithSchema(cells, RequestSchema.rawWithMalformed()));
    Row validated = new GenericRowWithSchema(rowValues(out), RequestSchema.validated());
    String error = validated.getAs(RequestSchema.ERROR);
    if (error != null) {
      throw new BadRequestException(400, fieldOf(error), error);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String c : columns) {
      if (c.equals(RequestSchema.FORCED_FILES)) {
        scala.collection.Seq<String> forced = validated.getAs(c);
        values.put(c, String.join(",", JavaConverters.seqAsJavaList(forced)));
      } else {
        values.put(c, validated.getAs(c));
      }
    }
    return new PartialRequest(validated.getAs(RequestSchema.REQUEST_ID), values);
  }

  private static Object[] rowValues(Row r) {
    Object[] v = new Object[r.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.get(i);
    }
    return v;
  }

  /** The column a validator message is about: the first column name it mentions. */
  private static String fieldOf(String error) {
    String best = null;
    int at = Integer.MAX_VALUE;
    for (String c : columns()) {
      int i = error.indexOf(c);
      if (i >= 0 && (i < at || (i == at && c.length() > best.length()))) {
        best = c;
        at = i;
      }
    }
    return best;
  }
}
