/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.mar;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.spark.SparkSessions;
import org.senbonzakura.jobs.storage.BlobStore;
import org.senbonzakura.jobs.storage.Storage;

/**
 * One explode "run" for {@link ExplodeMemoTest}: a Spark job whose tasks explode MARs with the
 * production memo of a storage root, one MAR per partition, returning each MAR's {@link
 * ExplodeStats}. Its {@link #main} is the second run, in a JVM of its own with a SparkSession of
 * its own, so nothing but the storage root can carry what the first run learnt.
 */
public final class ExplodeRun {
  /** What starts each line of {@link #main}'s output that carries a MAR's stats. */
  static final String PREFIX = "EXPLODED\t";

  private ExplodeRun() {}

  /** Explodes each of {@code mars} in a task of {@code spark}; the stats by MAR file name. */
  static Map<String, ExplodeStats> explode(SparkSession spark, JobConfig config, List<Path> mars) {
    List<String> paths = new ArrayList<>();
    mars.forEach(m -> paths.add(m.toString()));
    Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
    List<String> lines =
        spark
            .createDataset(paths, Encoders.STRING())
            .repartition(Math.max(1, paths.size()))
            .mapPartitions(new Task(config, storage), Encoders.STRING())
            .collectAsList();
    Map<String, ExplodeStats> out = new LinkedHashMap<>();
    for (String line : lines) {
      put(out, line);
    }
    return out;
  }

  /** Adds the stats of a {@link #line} to {@code out}, by MAR file name. */
  static void put(Map<String, ExplodeStats> out, String line) {
    String[] f = line.split("\t");
    out.put(
        f[0],
        new ExplodeStats(
            Integer.parseInt(f[1]),
            Integer.parseInt(f[2]),
            Integer.parseInt(f[3]),
            Long.parseLong(f[4]),
            Long.parseLong(f[5])));
  }

  static String line(String name, ExplodeStats s) {
    return String.join(
        "\t",
        name,
        Integer.toString(s.entries()),
        Integer.toString(s.decoded()),
        Integer.toString(s.known()),
        Long.toString(s.hashedBytes()),
        Long.toString(s.decodedBytes()));
  }

  /** Args: storage root, then MAR paths; prints one {@code EXPLODED} line per MAR. */
  public static void main(String[] args) throws Exception {
    JobConfig config = TestSpark.config(Path.of(args[0]), Map.of());
    SparkSession spark = SparkSessions.create(config);
    try {
      List<Path> mars = new ArrayList<>();
      for (int i = 1; i < args.length; i++) {
        mars.add(Path.of(args[i]));
      }
      explode(spark, config, mars).forEach((n, s) -> System.out.println(PREFIX + line(n, s)));
    } finally {
      spark.stop();
    }
  }

  /** Explodes the MARs of one partition, as the pipeline's explode stage does. */
  private static final class Task implements MapPartitionsFunction<String, String> {
    private static final long serialVersionUID = 1L;
    private final JobConfig config;
    private final Storage storage;

    Task(JobConfig config, Storage storage) {
      this.config = config;
      this.storage = storage;
    }

    @Override
    public Iterator<String> call(Iterator<String> mars) throws IOException {
      BlobStore blobs = new BlobStore(storage, config.blobsDir, config.tmpDir);
      ContentMemo memo = new ContentMemo(storage, config.memoDir, config.memoPersistFrom);
      List<String> out = new ArrayList<>();
      while (mars.hasNext()) {
        Path mar = Path.of(mars.next());
        ExplodedMar x = MarExploder.explode(mar, blobs, config.fetchMaxBytes, storage, memo);
        out.add(line(mar.getFileName().toString(), x.stats()));
      }
      return out.iterator();
    }
  }
}
