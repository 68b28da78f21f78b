/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.io.File;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the Spark settings of an sbz config file as KEY=VALUE lines, for the submit scripts to
 * turn into spark-submit --conf options. Run in source-file mode with Typesafe Config on the
 * classpath: java -cp config.jar SparkConfFromConfig.java FILE [PATH]. Every entry under PATH
 * (default sbz.spark.conf, whose keys are quoted Spark keys such as "spark.executor.memory") is
 * printed; system properties override the file, as when the job itself loads it.
 */
public final class SparkConfFromConfig {
  private SparkConfFromConfig() {}

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: SparkConfFromConfig FILE [PATH]");
      System.exit(2);
    }
    File file = new File(args[0]);
    if (!file.isFile()) {
      System.err.println("config file not found: " + file);
      System.exit(2);
    }
    String path = args.length > 1 ? args[1] : "sbz.spark.conf";
    Config config;
    try {
      config = ConfigFactory.systemProperties().withFallback(ConfigFactory.parseFile(file)).resolve();
    } catch (RuntimeException e) {
      System.err.println("cannot read config " + file + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    if (!config.hasPath(path)) {
      return;
    }
    Map<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : config.getConfig(path).entrySet()) {
      Object value = e.getValue().unwrapped();
      sorted.put(e.getKey().replace("\"", ""), String.valueOf(value));
    }
    sorted.forEach((k, v) -> System.out.println(k + "=" + v));
  }
}
