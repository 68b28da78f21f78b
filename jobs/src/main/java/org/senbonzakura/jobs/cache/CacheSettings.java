/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.cache;

import com.typesafe.config.Config;
import java.time.Duration;
import org.senbonzakura.jobs.config.ConfigurationException;

/**
 * The settings the cache's life cycle needs ({@code sbz.serve.queue-table}, {@code sweep-grace} and
 * {@code vacuum-retention} in reference.conf): read here once, for {@code sbz cache} and for the
 * service, which keeps them in its own settings, so both check them the same way.
 */
public record CacheSettings(String queueTable, Duration sweepGrace, Duration vacuumRetention) {

  /** Delta refuses a VACUUM below 7 days unless told not to check; sbz never lowers it. */
  public static final Duration SAFE_RETENTION = Duration.ofDays(7);

  public static CacheSettings from(Config c) throws ConfigurationException {
    CacheSettings s =
        new CacheSettings(
            new org.apache.hadoop.fs.Path(c.getString("sbz.serve.queue-table")).toString(),
            c.getDuration("sbz.serve.sweep-grace"),
            c.getDuration("sbz.serve.vacuum-retention"));
    if (s.vacuumRetention.compareTo(SAFE_RETENTION) < 0) {
      throw new ConfigurationException(
          "sbz.serve.vacuum-retention must be at least 7 days (Delta's safe retention), got "
              + s.vacuumRetention);
    }
    return s;
  }
}
