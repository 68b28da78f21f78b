/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.tables;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The schemas and keys of the pipeline's Delta tables (see docs/pipeline.md for what each column
 * means). Keys are what MERGE matches on.
 */
public final class TableSchemas {
  private TableSchemas() {}

  /** L1 metadata: one row per complete MAR that was fetched and exploded. */
  public static final StructType MARS =
      new StructType()
          .add("mar_sha512", StringType, false)
          .add("status", StringType, false)
          .add("error", StringType, true)
          .add("size", LongType, true)
          .add("product_version", StringType, true)
          .add("mar_channel", StringType, true)
          .add("build_id", StringType, true)
          .add("file_count", IntegerType, true)
          .add("run_id", StringType, true);

  public static final List<String> MARS_KEYS = List.of("mar_sha512");

  /** One row per file of an exploded MAR; the bytes are in the blob store under sha256. */
  public static final StructType MAR_FILES =
      new StructType()
          .add("mar_sha512", StringType, false)
          .add("path", StringType, false)
          .add("mode", IntegerType, false)
          .add("size", LongType, false)
          .add("sha256", StringType, false)
          .add("entry_sha256", StringType, false)
          .add("entry_size", LongType, false)
          .add("entry_format", StringType, false);

  public static final List<String> MAR_FILES_KEYS = List.of("mar_sha512", "path");

  /** L2: the outcome of diffing one (old, new) pair with one algorithm version. */
  public static final StructType PATCH_CACHE =
      new StructType()
          .add("old_sha256", StringType, false)
          .add("new_sha256", StringType, false)
          .add("algorithm_version", StringType, false)
          .add("outcome", StringType, false) // patch | full
          .add("patch_path", StringType, true)
          .add("patch_size", LongType, true)
          .add("full_size", LongType, true)
          .add("old_size", LongType, true)
          .add("new_size", LongType, true)
          .add("diff_ms", LongType, true)
          .add("run_id", StringType, true);

  public static final List<String> PATCH_CACHE_KEYS =
      List.of("old_sha256", "new_sha256", "algorithm_version");

  /** One row per request: its latest outcome. */
  public static final StructType RESULTS =
      new StructType()
          .add("request_id", StringType, false)
          .add("product", StringType, true)
          .add("platform", StringType, true)
          .add("locale", StringType, true)
          .add("from_version", StringType, true)
          .add("to_version", StringType, true)
          .add("channel", StringType, true)
          .add("format", StringType, true)
          .add("from_sha512", StringType, true)
          .add("to_sha512", StringType, true)
          .add("status", StringType, false) // done | failed | reused
          .add("error", StringType, true)
          .add("partial_path", StringType, true)
          .add("partial_size", LongType, true)
          .add("partial_sha512", StringType, true)
          .add("from_build_id", StringType, true)
          .add("to_build_id", StringType, true)
          .add("patched_files", IntegerType, true)
          .add("added_files", IntegerType, true)
          .add("removed_files", IntegerType, true)
          .add("l1_hits", IntegerType, true)
          .add("l1_misses", IntegerType, true)
          .add("l2_hits", IntegerType, true)
          .add("l2_misses", IntegerType, true)
          .add("fetch_ms", LongType, true)
          .add("explode_ms", LongType, true)
          .add("diff_ms", LongType, true)
          .add("assemble_ms", LongType, true)
          .add("run_id", StringType, false)
          .add("generator_version", StringType, false)
          .add("updated_at", TimestampType, false)
          // added after the first release of the table: last, nullable (null = unknown/unsigned
          // in rows written before it existed), so older tables gain it with ADD COLUMNS
          .add("signed", BooleanType, true);

  public static final List<String> RESULTS_KEYS = List.of("request_id");

  /** One row per run. */
  public static final StructType RUNS =
      new StructType()
          .add("run_id", StringType, false)
          .add("started_at", TimestampType, false)
          .add("wall_ms", LongType, false)
          .add("requests", LongType, false)
          .add("done", LongType, false)
          .add("reused", LongType, false)
          .add("failed", LongType, false)
          .add("distinct_mars", LongType, false)
          .add("mars_fetched", LongType, false)
          .add("file_rows", LongType, false)
          .add("changed_pairs", LongType, false)
          .add("distinct_pairs", LongType, false)
          .add("cache_hits", LongType, false)
          .add("diffs_computed", LongType, false)
          .add("diffs_failed", LongType, false)
          .add("l1_hit_rate", DataTypes.DoubleType, false)
          .add("l2_hit_rate", DataTypes.DoubleType, false)
          .add("fetch_ms", LongType, false)
          .add("explode_ms", LongType, false)
          .add("pairs_ms", LongType, false)
          .add("diff_ms", LongType, false)
          .add("assemble_ms", LongType, false)
          .add("generator_version", StringType, false);

  public static final List<String> RUNS_KEYS = List.of("run_id");
}
