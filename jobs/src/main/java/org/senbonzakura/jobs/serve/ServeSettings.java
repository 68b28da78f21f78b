/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.senbonzakura.jobs.cache.CacheSettings;
import org.senbonzakura.jobs.config.ConfigurationException;

/**
 * The service's own settings ({@code sbz.serve.*} in reference.conf), beside the job's {@code
 * JobConfig}: where it listens, the admin token, and the bounds of waiting, batching and sweeping.
 */
public record ServeSettings(
    String bind,
    int port,
    String adminToken,
    Duration maxWait,
    Duration batchDelay,
    Duration retryDelay,
    Duration sweepGrace,
    Duration vacuumRetention,
    String queueTable,
    int maxListLimit,
    String publicUrl,
    Runner runner,
    Submit submit) {

  /** Where a micro-batch runs: on the service's SparkSession, or through a submit script. */
  public enum Runner {
    SESSION,
    SUBMIT
  }

  /**
   * How the {@code submit} runner launches a run ({@code sbz.serve.submit.*}).
   *
   * @param script a {@code scripts/submit/*.sh} script (or one with the same options)
   * @param args extra options for the script, e.g. {@code --master spark://h:7077}
   * @param env environment variables added to the script's
   * @param timeout how long a run may take before the script is killed and the batch retried
   * @param conf the config file given to the script with {@code --conf}; empty for none
   */
  public record Submit(
      String script, List<String> args, Map<String, String> env, Duration timeout, String conf) {}

  /** Delta refuses a VACUUM below 7 days unless told not to check; the service never lowers it. */
  public static final Duration SAFE_RETENTION = CacheSettings.SAFE_RETENTION;

  public static ServeSettings from(Config c) throws ConfigurationException {
    return from(c, null);
  }

  /**
   * The settings; {@code confFile} is the service's own {@code --conf} file, which the submit
   * runner hands to its script unless {@code sbz.serve.submit.conf} names another.
   */
  public static ServeSettings from(Config c, String confFile) throws ConfigurationException {
    CacheSettings cache = CacheSettings.from(c);
    ServeSettings s =
        new ServeSettings(
            c.getString("sbz.serve.bind"),
            c.getInt("sbz.serve.port"),
            c.getString("sbz.serve.admin-token"),
            c.getDuration("sbz.serve.max-wait"),
            c.getDuration("sbz.serve.batch-delay"),
            c.getDuration("sbz.serve.retry-delay"),
            cache.sweepGrace(),
            cache.vacuumRetention(),
            cache.queueTable(),
            c.getInt("sbz.serve.max-list-limit"),
            stripSlash(c.getString("sbz.serve.public-url")),
            runner(c.getString("sbz.serve.runner")),
            submit(c, confFile));
    if (s.port < 0 || s.port > 65535) {
      throw new ConfigurationException("sbz.serve.port must be 0..65535, got " + s.port);
    }
    if (s.runner == Runner.SUBMIT && s.submit.script().isBlank()) {
      throw new ConfigurationException("sbz.serve.runner = submit needs sbz.serve.submit.script");
    }
    if (s.submit.timeout().isNegative() || s.submit.timeout().isZero()) {
      throw new ConfigurationException("sbz.serve.submit.timeout must be > 0");
    }
    if (s.maxListLimit < 1) {
      throw new ConfigurationException("sbz.serve.max-list-limit must be > 0");
    }
    return s;
  }

  private static Runner runner(String name) throws ConfigurationException {
    return switch (name) {
      case "session" -> Runner.SESSION;
      case "submit" -> Runner.SUBMIT;
      default ->
          throw new ConfigurationException(
              "sbz.serve.runner must be session or submit, got '" + name + "'");
    };
  }

  private static Submit submit(Config c, String confFile) {
    Map<String, String> env = new TreeMap<>();
    Config e = c.getConfig("sbz.serve.submit.env");
    for (String k : e.root().keySet()) {
      env.put(k, e.root().get(k).unwrapped().toString());
    }
    String conf = c.getString("sbz.serve.submit.conf");
    if (conf.isEmpty() && confFile != null) {
      conf = confFile;
    }
    return new Submit(
        c.getString("sbz.serve.submit.script"),
        List.copyOf(c.getStringList("sbz.serve.submit.args")),
        Collections.unmodifiableMap(env),
        c.getDuration("sbz.serve.submit.timeout"),
        conf);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
