/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs;

import com.holdenkarau.spark.testing.SparkSessionProvider;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.config.ConfigLoader;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.spark.SparkSessions;

/**
 * One small local SparkSession (with Delta) shared by every test class in the JVM, made by the
 * production factory, and the config a test run uses: a temporary storage root and few partitions,
 * so the Spark tests stay fast on a 2-core CI machine.
 */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() throws Exception {
    if (session == null) {
      session =
          SparkSessions.create(config(Path.of(System.getProperty("java.io.tmpdir")), Map.of()));
      SparkSessionProvider._sparkSession_$eq(session);
    }
    return session;
  }

  /** A config rooted at {@code root}, allowing file URLs under the shared data and {@code root}. */
  public static JobConfig config(Path root, Map<String, Object> extra) throws Exception {
    Map<String, Object> flags = new HashMap<>();
    flags.put("sbz.storage-root", root.toString());
    flags.put("sbz.spark.master", "local[2]");
    flags.put("sbz.parallelism", 2);
    flags.put("sbz.fetch.attempts", 2);
    flags.put("sbz.fetch.backoff", "10ms");
    flags.put(
        "sbz.fetch.allow-url-prefixes",
        List.of(root.toUri().toString(), Path.of(shared()).toUri().toString()));
    flags.put("sbz.spark.conf.\"spark.ui.enabled\"", "false");
    flags.put("sbz.spark.conf.\"spark.sql.shuffle.partitions\"", "2");
    flags.put("sbz.spark.conf.\"spark.default.parallelism\"", "2");
    flags.put("sbz.spark.conf.\"spark.ui.showConsoleProgress\"", "false");
    flags.put("sbz.spark.conf.\"spark.databricks.delta.snapshotPartitions\"", "2");
    flags.put("sbz.spark.conf.\"spark.sql.sources.parallelPartitionDiscovery.parallelism\"", "2");
    if (Boolean.getBoolean("sbz.test.interpreted-plans")) {
      // the whole suite as a small run executes it: -Dsbz.test.interpreted-plans=true
      flags.put("sbz.spark.conf.\"spark.sql.codegen.wholeStage\"", "false");
      flags.put("sbz.spark.conf.\"spark.sql.codegen.factoryMode\"", "NO_CODEGEN");
    }
    flags.putAll(extra);
    return ConfigLoader.load(null, flags);
  }

  public static String shared() {
    String s = System.getProperty("sbz.shared");
    if (s == null) {
      throw new IllegalStateException("system property sbz.shared is not set");
    }
    return Path.of(s).toAbsolutePath().normalize().toString();
  }
}
