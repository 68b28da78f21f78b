/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.config;

import com.typesafe.config.Config;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.senbonzakura.cli.Args;
import org.senbonzakura.cli.UsageException;

/**
 * The options every job command shares: {@code --conf FILE}, {@code --storage-root URI} and {@code
 * --spark-conf KEY=VALUE} (repeatable). One place parses them, so a setting that reaches the tables
 * for {@code sbz run} (an S3 endpoint, say) reaches them for {@code sbz results}, {@code report}
 * and {@code requests} too.
 */
public final class JobOptions {
  public static final String CONF = "--conf";
  public static final String STORAGE_ROOT = "--storage-root";
  public static final String SPARK_CONF = "--spark-conf";

  /** The usage text of the shared options. */
  public static final String USAGE =
      "[" + STORAGE_ROOT + " URI] [" + CONF + " FILE] [" + SPARK_CONF + " KEY=VALUE]...";

  /** What the shared options say about them, for a command's usage. */
  public static final String HELP =
      "  " + SPARK_CONF + " KEY=VALUE: a Spark setting (repeatable), over the config file's";

  private JobOptions() {}

  /** The shared option names plus a command's own. */
  public static Set<String> names(String... own) {
    Set<String> names = new HashSet<>(List.of(CONF, STORAGE_ROOT, SPARK_CONF));
    names.addAll(List.of(own));
    return names;
  }

  /** The config from the shared options alone. */
  public static JobConfig load(Args a) throws ConfigurationException, UsageException {
    return load(a, Map.of());
  }

  /**
   * The config: the layers, then {@code moreFlags} (a command's own flags and defaults), then the
   * shared options, which win.
   */
  public static JobConfig load(Args a, Map<String, Object> moreFlags)
      throws ConfigurationException, UsageException {
    return ConfigLoader.load(a.get(CONF, null), flags(a, moreFlags));
  }

  /**
   * The job's config and the resolved tree it came from, for commands that read their own section
   * of the same tree ({@code sbz serve}, {@code sbz cache}): both see the same layers and flags.
   */
  public record Loaded(JobConfig job, Config tree) {}

  /** Like {@link #load(Args, Map)}, keeping the resolved tree too. */
  public static Loaded loadWithTree(Args a, Map<String, Object> moreFlags)
      throws ConfigurationException, UsageException {
    Config tree = ConfigLoader.resolve(a.get(CONF, null), flags(a, moreFlags));
    return new Loaded(JobConfig.from(tree), tree);
  }

  private static Map<String, Object> flags(Args a, Map<String, Object> moreFlags)
      throws UsageException {
    Map<String, Object> flags = new HashMap<>(moreFlags);
    String root = a.get(STORAGE_ROOT, null);
    if (root != null) {
      flags.put("sbz.storage-root", root);
    }
    for (String setting : a.all(SPARK_CONF)) {
      int eq = setting.indexOf('=');
      String key = eq < 0 ? "" : setting.substring(0, eq).trim();
      if (key.isEmpty() || key.contains("\"") || key.chars().anyMatch(Character::isWhitespace)) {
        throw new UsageException(SPARK_CONF + " needs KEY=VALUE, got '" + setting + "'");
      }
      flags.put("sbz.spark.conf.\"" + key + "\"", setting.substring(eq + 1));
    }
    return flags;
  }
}
