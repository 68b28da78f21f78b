/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requestbuilder;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.requests.RequestSchema;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * The paths already built: results rows whose status is {@code done} or {@code reused}, matched on
 * product, platform, locale and the two MARs' SHA-512s (the content, not the URLs, which may move).
 * Failed paths are requested again.
 */
public final class DoneFilter implements Predicate<RequestPlan.UpdatePath> {
  private final Set<String> done;

  private DoneFilter(Set<String> done) {
    this.done = done;
  }

  public static DoneFilter fromResults(SparkSession spark, String resultsTable) {
    List<Row> rows =
        DeltaTables.readOrEmpty(spark, resultsTable, TableSchemas.RESULTS)
            .where("status IN ('done', 'reused')")
            .select(
                RequestSchema.PRODUCT,
                RequestSchema.PLATFORM,
                RequestSchema.LOCALE,
                RequestSchema.FROM_SHA512,
                RequestSchema.TO_SHA512)
            .collectAsList();
    Set<String> keys = new HashSet<>();
    for (Row r : rows) {
      keys.add(key(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
    }
    return new DoneFilter(keys);
  }

  @Override
  public boolean test(RequestPlan.UpdatePath p) {
    return done.contains(
        key(
            p.to().product(),
            p.to().platform(),
            p.to().locale(),
            p.from().sha512(),
            p.to().sha512()));
  }

  private static String key(
      String product, String platform, String locale, String from, String to) {
    return product
        + '\u0000'
        + platform
        + '\u0000'
        + locale
        + '\u0000'
        + (from == null ? "" : from.toLowerCase(java.util.Locale.ROOT))
        + '\u0000'
        + (to == null ? "" : to.toLowerCase(java.util.Locale.ROOT));
  }
}
