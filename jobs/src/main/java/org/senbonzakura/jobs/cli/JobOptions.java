/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.cli;

import java.util.HashMap;
import java.util.Map;
import org.senbonzakura.cli.Args;
import org.senbonzakura.jobs.config.ConfigLoader;
import org.senbonzakura.jobs.config.ConfigurationException;
import org.senbonzakura.jobs.config.JobConfig;

/** The options every job command shares: {@code --conf FILE} and {@code --storage-root URI}. */
final class JobOptions {
  private JobOptions() {}

  static JobConfig load(Args a, Map<String, Object> moreFlags) throws ConfigurationException {
    Map<String, Object> flags = new HashMap<>(moreFlags);
    String root = a.get("--storage-root", null);
    if (root != null) {
      flags.put("sbz.storage-root", root);
    }
    return ConfigLoader.load(a.get("--conf", null), flags);
  }
}
