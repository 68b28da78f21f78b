/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import com.typesafe.config.Config;
import java.time.Duration;
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
    String publicUrl) {

  /** Delta refuses a VACUUM below 7 days unless told not to check; the service never lowers it. */
  public static final Duration SAFE_RETENTION = Duration.ofDays(7);

  public static ServeSettings from(Config c) throws ConfigurationException {
    ServeSettings s =
        new ServeSettings(
            c.getString("sbz.serve.bind"),
            c.getInt("sbz.serve.port"),
            c.getString("sbz.serve.admin-token"),
            c.getDuration("sbz.serve.max-wait"),
            c.getDuration("sbz.serve.batch-delay"),
            c.getDuration("sbz.serve.retry-delay"),
            c.getDuration("sbz.serve.sweep-grace"),
            c.getDuration("sbz.serve.vacuum-retention"),
            new org.apache.hadoop.fs.Path(c.getString("sbz.serve.queue-table")).toString(),
            c.getInt("sbz.serve.max-list-limit"),
            stripSlash(c.getString("sbz.serve.public-url")));
    if (s.port < 0 || s.port > 65535) {
      throw new ConfigurationException("sbz.serve.port must be 0..65535, got " + s.port);
    }
    if (s.vacuumRetention.compareTo(SAFE_RETENTION) < 0) {
      throw new ConfigurationException(
          "sbz.serve.vacuum-retention must be at least 7 days (Delta's safe retention), got "
              + s.vacuumRetention);
    }
    if (s.maxListLimit < 1) {
      throw new ConfigurationException("sbz.serve.max-list-limit must be > 0");
    }
    return s;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
