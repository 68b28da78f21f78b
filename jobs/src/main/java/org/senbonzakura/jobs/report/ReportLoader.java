/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * Reads the report's data from the pipeline's Delta tables. A table that does not exist yet reads
 * as empty, so a report can be made before the first run (it then says there is nothing yet).
 */
public final class ReportLoader {
  /** How many runs, points and failures the page shows at most. */
  public static final int MAX_RUNS = 20;

  public static final int MAX_POINTS = 5000;
  public static final int MAX_FAILURES = 200;

  private ReportLoader() {}

  public static ReportData load(SparkSession spark, JobConfig config) {
    DeltaTables.readOrEmpty(spark, config.runsTable, TableSchemas.RUNS)
        .createOrReplaceTempView("runs");
    DeltaTables.readOrEmpty(spark, config.resultsTable, TableSchemas.RESULTS)
        .createOrReplaceTempView("results");
    DeltaTables.readOrEmpty(spark, config.marsTable, TableSchemas.MARS)
        .createOrReplaceTempView("mars");
    List<ReportData.Run> runs =
        spark.sql(ReportQueries.lastRuns(MAX_RUNS)).collectAsList().stream()
            .map(ReportLoader::run)
            .toList();
    List<ReportData.SizePoint> sizes =
        spark.sql(ReportQueries.sizes(MAX_POINTS)).collectAsList().stream()
            .map(
                r ->
                    new ReportData.SizePoint(
                        r.getString(0),
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getLong(4),
                        r.getLong(5)))
            .toList();
    List<ReportData.PlatformSizes> platforms =
        spark.sql(ReportQueries.platformSizes()).collectAsList().stream()
            .map(
                r ->
                    new ReportData.PlatformSizes(
                        r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3)))
            .toList();
    List<ReportData.Failure> failures =
        spark.sql(ReportQueries.failures(MAX_FAILURES)).collectAsList().stream()
            .map(
                r ->
                    new ReportData.Failure(
                        r.getString(0),
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getString(5),
                        (Timestamp) r.get(6)))
            .toList();
    List<ReportData.Reason> reasons =
        spark.sql(ReportQueries.reasons(50)).collectAsList().stream()
            .map(r -> new ReportData.Reason(r.getString(0), r.getLong(1)))
            .toList();
    long totalFailed = spark.sql(ReportQueries.totalFailed()).first().getLong(0);
    return new ReportData(runs, sizes, platforms, failures, reasons, totalFailed);
  }

  private static ReportData.Run run(Row r) {
    return new ReportData.Run(
        r.getString(0),
        (Timestamp) r.get(1),
        r.getLong(2),
        r.getLong(3),
        r.getLong(4),
        r.getLong(5),
        r.getLong(6),
        r.getLong(7),
        r.getLong(8),
        r.getLong(9),
        r.getDouble(10),
        r.getDouble(11),
        r.getLong(12),
        r.getLong(13),
        r.getLong(14),
        r.getLong(15),
        r.getLong(16),
        r.getString(17));
  }
}
