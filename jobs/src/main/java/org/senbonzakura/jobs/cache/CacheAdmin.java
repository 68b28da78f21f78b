/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.cache;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.QueueTable;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * The cache's life cycle, one implementation for the service's admin API and for {@code sbz cache}:
 * stats, evict (forget results rows, so their partials are no longer referenced), sweep (delete the
 * partial files no live row references, after a grace period) and optimize (Delta OPTIMIZE and
 * VACUUM with a safe retention). Eviction and deletion are two steps on purpose: a table row is the
 * only reference to a partial, so the bytes can go only once no row points to them, and never while
 * a recent run may still be writing or reusing them.
 */
public final class CacheAdmin {
  private static final String META_SUFFIX = ".sbz-meta";

  /** Which results rows to evict; null fields do not restrict. At least one must be set. */
  public record Selector(String product, String toVersion, Duration olderThan) {
    public boolean empty() {
      return product == null && toVersion == null && olderThan == null;
    }
  }

  /** What a sweep deleted and kept. */
  public record SweepReport(
      List<String> deleted, long bytesDeleted, int kept, int protectedByGrace) {}

  private final SparkSession spark;
  private final JobConfig config;
  private final String queueTable;

  public CacheAdmin(SparkSession spark, JobConfig config, String queueTable) {
    this.spark = spark;
    this.config = config;
    this.queueTable = queueTable;
  }

  /** Counts: results by status, queue by state, partial files, patch cache, L1 MARs. */
  public Map<String, Object> stats() throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (Row r :
        DeltaTables.readOrEmpty(spark, config.resultsTable, TableSchemas.RESULTS)
            .groupBy("status")
            .count()
            .orderBy("status")
            .collectAsList()) {
      byStatus.put(r.getString(0), r.getLong(1));
    }
    out.put("results", byStatus);
    Map<String, Long> byState = new LinkedHashMap<>();
    for (Row r :
        DeltaTables.readOrEmpty(spark, queueTable, QueueTable.SCHEMA)
            .groupBy("state")
            .count()
            .orderBy("state")
            .collectAsList()) {
      byState.put(r.getString(0), r.getLong(1));
    }
    out.put("queue", byState);
    out.put("partials", files(config.partialsDir));
    out.put("l1_mars", files(config.marsDir));
    out.put("patches", files(config.patchesDir));
    Row pc =
        DeltaTables.readOrEmpty(spark, config.patchCacheTable, TableSchemas.PATCH_CACHE)
            .agg(
                org.apache.spark.sql.functions.count(lit(1)),
                org.apache.spark.sql.functions.coalesce(
                    org.apache.spark.sql.functions.sum("patch_size"), lit(0L)))
            .first();
    out.put("patch_cache_rows", pc.getLong(0));
    out.put("patch_cache_bytes", pc.getLong(1));
    return out;
  }

  /**
   * Deletes the results rows the selector picks, and the queue rows of those requests unless they
   * are queued again; returns their ids. Their partials stay on storage until a sweep.
   */
  public List<String> evict(Selector s) {
    if (s.empty()) {
      throw new IllegalArgumentException("evict needs a product, a to-version or an age");
    }
    Column where = lit(true);
    if (s.product() != null) {
      where = where.and(col("product").equalTo(s.product()));
    }
    if (s.toVersion() != null) {
      where = where.and(col("to_version").equalTo(s.toVersion()));
    }
    if (s.olderThan() != null) {
      where =
          where.and(col("updated_at").lt(lit(Timestamp.from(Instant.now().minus(s.olderThan())))));
    }
    String results = DeltaTables.normalized(config.resultsTable);
    if (!DeltaTable.isDeltaTable(spark, results)) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (Row r :
        spark
            .read()
            .format("delta")
            .load(results)
            .filter(where)
            .select("request_id")
            .collectAsList()) {
      ids.add(r.getString(0));
    }
    if (ids.isEmpty()) {
      return ids;
    }
    Column picked = col("request_id").isin(ids.toArray());
    DeltaTable.forPath(spark, results).delete(picked);
    String queue = DeltaTables.normalized(queueTable);
    if (DeltaTable.isDeltaTable(spark, queue)) {
      DeltaTable.forPath(spark, queue)
          .delete(picked.and(col("state").notEqual(lit(QueueTable.QUEUED))));
    }
    return ids;
  }

  /**
   * Deletes every file under the partials directory that no live results row references (a row
   * whose request is not withdrawn), with its {@code .sbz-meta} record, unless it was modified
   * within {@code grace}: a run started within the grace period may be publishing it or about to
   * record it, and every file such a run writes or touches is newer than the run's start.
   */
  public SweepReport sweep(Duration grace) throws IOException {
    Set<String> live = new HashSet<>();
    Set<String> withdrawn = new HashSet<>();
    for (Row r :
        DeltaTables.readOrEmpty(spark, queueTable, QueueTable.SCHEMA)
            .filter(col("state").equalTo(QueueTable.WITHDRAWN))
            .select("request_id")
            .collectAsList()) {
      withdrawn.add(r.getString(0));
    }
    for (Row r :
        DeltaTables.readOrEmpty(spark, config.resultsTable, TableSchemas.RESULTS)
            .filter(col("partial_path").isNotNull())
            .select("request_id", "partial_path")
            .collectAsList()) {
      if (!withdrawn.contains(r.getString(0))) {
        live.add(new Path(r.getString(1)).toString());
      }
    }
    long cutoff = System.currentTimeMillis() - grace.toMillis();
    List<String> deleted = new ArrayList<>();
    long bytes = 0;
    int kept = 0;
    int young = 0;
    Path dir = new Path(config.partialsDir);
    FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(dir)) {
      return new SweepReport(deleted, 0, 0, 0);
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    List<LocatedFileStatus> all = new ArrayList<>();
    while (it.hasNext()) {
      all.add(it.next());
    }
    for (LocatedFileStatus f : all) {
      Path p = f.getPath();
      if (live.contains(owner(p).toString())) {
        kept++;
      } else if (f.getModificationTime() >= cutoff) {
        young++;
      } else if (fs.delete(p, false)) {
        deleted.add(p.toString());
        bytes += f.getLen();
      }
    }
    return new SweepReport(deleted, bytes, kept, young);
  }

  /**
   * The partial a file belongs to: itself, or the partial its {@code .name.sbz-meta} record (or a
   * checksum) describes.
   */
  static Path owner(Path p) {
    String n = p.getName();
    if (n.startsWith(".") && n.endsWith(".crc")) { // a local checksum file: its file's owner
      return owner(new Path(p.getParent(), n.substring(1, n.length() - ".crc".length())));
    }
    if (n.startsWith(".") && n.endsWith(META_SUFFIX)) {
      return new Path(p.getParent(), n.substring(1, n.length() - META_SUFFIX.length()));
    }
    return p;
  }

  /**
   * Compacts every Delta table of the storage root and vacuums it with {@code retention}, which
   * must be at least Delta's safe 7 days (a reader or writer older than that may still need the
   * files); returns the tables done.
   */
  public List<String> optimize(Duration retention) {
    if (retention.compareTo(Duration.ofDays(7)) < 0) {
      throw new IllegalArgumentException(
          "VACUUM retention below 7 days is not safe (got " + retention + ")");
    }
    List<String> done = new ArrayList<>();
    for (String t :
        List.of(
            config.resultsTable,
            config.runsTable,
            config.patchCacheTable,
            config.marFilesTable,
            config.marsTable,
            queueTable)) {
      String path = DeltaTables.normalized(t);
      if (DeltaTable.isDeltaTable(spark, path)) {
        DeltaTable table = DeltaTable.forPath(spark, path);
        table.optimize().executeCompaction();
        table.vacuum(retention.toMinutes() / 60.0);
        done.add(path);
      }
    }
    return done;
  }

  private Map<String, Long> files(String location) throws IOException {
    Path dir = new Path(location);
    FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
    long n = 0;
    long bytes = 0;
    if (fs.exists(dir)) {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
      while (it.hasNext()) {
        LocatedFileStatus f = it.next();
        if (!f.getPath().getName().startsWith(".")) {
          n++;
          bytes += f.getLen();
        }
      }
    }
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("files", n);
    out.put("bytes", bytes);
    return out;
  }
}
