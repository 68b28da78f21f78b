/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A stand-in application with the pipeline's command line (--requests, --storage-root, --conf),
 * submitted by scripts/submit/standalone.sh in the tests until the real job is wired in. It squares
 * the numbers of the "requests" file on the cluster and writes what it saw: the sum, the executors
 * used, and two settings that must arrive from the config file and --spark-conf.
 */
public final class ClusterSmokeApp {
  private ClusterSmokeApp() {}

  /** Entry point for spark-submit. */
  public static void main(String[] args) throws Exception {
    Path requests = null;
    Path storageRoot = null;
    String conf = "";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--requests" -> requests = Path.of(args[i + 1]);
        case "--storage-root" -> storageRoot = Path.of(args[i + 1]);
        case "--conf" -> conf = args[i + 1];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (requests == null || storageRoot == null) {
      throw new IllegalArgumentException("--requests and --storage-root are required");
    }
    List<Long> numbers = new ArrayList<>();
    for (String line : Files.readAllLines(requests)) {
      if (!line.isBlank()) {
        numbers.add(Long.parseLong(line.trim()));
      }
    }
    SparkSession spark = SparkSession.builder().appName("sbz-cluster-smoke").getOrCreate();
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      JavaRDD<Long> rdd = jsc.parallelize(numbers, 4);
      long sum = rdd.map(n -> n * n).reduce(Long::sum);
      long executors = rdd.map(n -> SparkEnv.get().executorId()).distinct().count();
      String result =
          String.join(
              "\n",
              "sum=" + sum,
              "executors=" + executors,
              "fromConfig=" + spark.conf().get("spark.sbz.fromconfig", "-"),
              "fromCli=" + spark.conf().get("spark.sbz.marker", "-"),
              "confArg=" + conf);
      Files.createDirectories(storageRoot);
      Files.writeString(storageRoot.resolve("result.txt"), result, StandardCharsets.UTF_8);
    } finally {
      spark.stop();
    }
  }
}
