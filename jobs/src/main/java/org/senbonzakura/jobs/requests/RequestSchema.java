/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requests;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of a request, as read (all text) and after validation. One place names them, so the
 * reader, the validator and the tables agree.
 */
public final class RequestSchema {
  private RequestSchema() {}

  public static final String PRODUCT = "product";
  public static final String PLATFORM = "platform";
  public static final String LOCALE = "locale";
  public static final String FROM_VERSION = "from_version";
  public static final String TO_VERSION = "to_version";
  public static final String FROM_URL = "from_url";
  public static final String TO_URL = "to_url";
  public static final String FROM_SHA512 = "from_sha512";
  public static final String TO_SHA512 = "to_sha512";
  public static final String CHANNEL = "channel";
  public static final String FORMAT = "format";
  public static final String FORCED_FILES = "forced_files";
  public static final String REQUEST_ID = "request_id";
  public static final String ERROR = "error";

  /** The text of an input line the parser could not read (JSON), else null. */
  public static final String MALFORMED = "_malformed";

  /** Required input columns, in the canonical order. */
  public static final List<String> REQUIRED =
      List.of(
          PRODUCT,
          PLATFORM,
          LOCALE,
          FROM_VERSION,
          TO_VERSION,
          FROM_URL,
          TO_URL,
          FROM_SHA512,
          TO_SHA512);

  /** Optional input columns. */
  public static final List<String> OPTIONAL = List.of(CHANNEL, FORMAT, FORCED_FILES);

  /** Every input column, as text: what the reader hands to the validator. */
  public static StructType raw() {
    StructType t = new StructType();
    for (String c : REQUIRED) {
      t = t.add(c, DataTypes.StringType, true);
    }
    for (String c : OPTIONAL) {
      t = t.add(c, DataTypes.StringType, true);
    }
    return t;
  }

  /** The raw columns plus {@link #MALFORMED}. */
  public static StructType rawWithMalformed() {
    return raw().add(MALFORMED, DataTypes.StringType, true);
  }

  /**
   * A validated request: the input columns (format normalized, forced files as a sorted array), its
   * deterministic id, and the error that rejects it (null when the row is valid).
   */
  public static StructType validated() {
    StructType t = new StructType().add(REQUEST_ID, DataTypes.StringType, false);
    for (StructField f : raw().fields()) {
      if (f.name().equals(FORCED_FILES)) {
        t = t.add(FORCED_FILES, DataTypes.createArrayType(DataTypes.StringType, false), false);
      } else {
        t = t.add(f);
      }
    }
    return t.add(ERROR, DataTypes.StringType, true);
  }
}
