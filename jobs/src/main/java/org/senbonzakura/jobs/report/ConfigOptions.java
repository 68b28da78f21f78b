/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import java.util.HashMap;
import java.util.Map;
import org.senbonzakura.cli.Args;
import org.senbonzakura.jobs.config.ConfigLoader;
import org.senbonzakura.jobs.config.ConfigurationException;
import org.senbonzakura.jobs.config.JobConfig;

/**
 * The {@code --conf FILE} and {@code --storage-root URI} options that the table-reading commands
 * share with the job, so that {@code report} and {@code requests --skip-done} find the same tables
 * the job wrote.
 */
public final class ConfigOptions {
  public static final String CONF = "--conf";
  public static final String STORAGE_ROOT = "--storage-root";

  private ConfigOptions() {}

  public static JobConfig load(Args a) throws ConfigurationException {
    Map<String, Object> flags = new HashMap<>();
    String root = a.get(STORAGE_ROOT, null);
    if (root != null) {
      flags.put("sbz.storage-root", root);
    }
    return ConfigLoader.load(a.get(CONF, null), flags);
  }
}
