/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * Builds the job's configuration from its four layers, so that every deployment (laptop, CI,
 * cluster) starts from the same defaults and changes only what differs: the defaults ({@code
 * reference.conf} on the classpath), then {@code conf/local.conf}, then a user file ({@code
 * --conf}), then {@code -D} system properties; command-line flags are applied last.
 */
public final class ConfigLoader {
  /** System property naming the local layer; default {@code conf/local.conf} if it exists. */
  public static final String LOCAL_CONF_PROPERTY = "sbz.local-conf";

  private ConfigLoader() {}

  /**
   * Loads and resolves the layers.
   *
   * @param userFile the {@code --conf} file, or null
   * @param flags settings from command-line flags (paths such as {@code sbz.storage-root}); lists
   *     are given as {@link List} values
   */
  public static JobConfig load(String userFile, Map<String, Object> flags)
      throws ConfigurationException {
    return JobConfig.from(resolve(userFile, flags));
  }

  /**
   * The resolved layers themselves, for commands with settings of their own beside the job's (such
   * as {@code sbz.serve}); {@link #load} is {@code JobConfig} over the same tree.
   */
  public static Config resolve(String userFile, Map<String, Object> flags)
      throws ConfigurationException {
    try {
      Config config = ConfigFactory.parseMap(flags, "command-line flags");
      config = config.withFallback(ConfigFactory.parseProperties(System.getProperties()));
      if (userFile != null) {
        File f = new File(userFile);
        if (!f.isFile()) {
          throw new ConfigurationException("config file not found: " + userFile);
        }
        config = config.withFallback(parseFile(f));
      }
      File local = localLayer();
      if (local != null) {
        config = config.withFallback(parseFile(local));
      }
      // the defaults unresolved, so their \${sbz.storage-root} sees the layers above
      config =
          config
              .withFallback(
                  ConfigFactory.parseResources(
                      ConfigLoader.class.getClassLoader(), "reference.conf"))
              .resolve();
      return config;
    } catch (ConfigException e) {
      throw new ConfigurationException("bad configuration: " + e.getMessage(), e);
    }
  }

  private static Config parseFile(File f) {
    return ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setAllowMissing(false));
  }

  private static File localLayer() {
    String named = System.getProperty(LOCAL_CONF_PROPERTY);
    if (named != null && !named.isEmpty()) {
      return new File(named);
    }
    File dflt = new File("conf/local.conf");
    return dflt.isFile() ? dflt : null;
  }
}
