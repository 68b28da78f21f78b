/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.cli.Args;
import org.senbonzakura.cli.Command;
import org.senbonzakura.cli.UsageException;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.config.JobOptions;
import org.senbonzakura.jobs.spark.SparkSessions;

/**
 * {@code sbz cache stats|evict|sweep|optimize}: the service's cache administration for release
 * engineers without the service ({@link CacheAdmin}, the same code). Do not sweep while a run
 * longer than the grace period is going on: only the service knows its own run.
 */
public final class CacheCommand implements Command {
  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a =
        Args.parse(
            argv,
            Set.of(),
            JobOptions.names(
                "--product", "--to-version", "--older-than", "--grace", "--retention"));
    List<String> pos = a.positionals(1, 1);
    String action = pos.get(0);
    if (!List.of("stats", "evict", "sweep", "optimize").contains(action)) {
      throw new UsageException("unknown cache action '" + action + "'");
    }
    JobOptions.Loaded loaded = JobOptions.loadWithTree(a, Map.of());
    JobConfig job = loaded.job();
    CacheSettings settings = CacheSettings.from(loaded.tree());
    SparkSession spark = SparkSessions.create(job);
    try {
      CacheAdmin admin = new CacheAdmin(spark, job, settings.queueTable());
      ObjectMapper json = new ObjectMapper();
      switch (action) {
        case "stats" ->
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(admin.stats()));
        case "evict" -> {
          CacheAdmin.Selector s =
              new CacheAdmin.Selector(
                  a.get("--product", null),
                  a.get("--to-version", null),
                  duration(a.get("--older-than", null), null));
          if (s.empty()) {
            throw new UsageException("evict needs --product, --to-version or --older-than");
          }
          List<String> ids = admin.evict(s);
          out.println("evicted " + ids.size() + " results row(s); sweep to delete their files");
        }
        case "sweep" -> {
          CacheAdmin.SweepReport r =
              admin.sweep(duration(a.get("--grace", null), settings.sweepGrace()));
          r.deleted().forEach(f -> out.println("deleted " + f));
          out.println(
              "sweep: "
                  + r.deleted().size()
                  + " file(s), "
                  + r.bytesDeleted()
                  + " bytes deleted; "
                  + r.kept()
                  + " referenced, "
                  + r.protectedByGrace()
                  + " within the grace period");
        }
        default -> {
          List<String> t =
              admin.optimize(duration(a.get("--retention", null), settings.vacuumRetention()));
          t.forEach(x -> out.println("optimized and vacuumed " + x));
        }
      }
      return 0;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    } finally {
      spark.stop();
    }
  }

  static Duration duration(String text, Duration dflt) throws UsageException {
    if (text == null) {
      return dflt;
    }
    try {
      return com.typesafe.config.ConfigFactory.parseMap(Map.of("d", text)).getDuration("d");
    } catch (com.typesafe.config.ConfigException e) {
      throw new UsageException("not a duration (30d, 12h, 90s): '" + text + "'");
    }
  }

  @Override
  public String usage() {
    return "usage: sbz cache stats|evict|sweep|optimize "
        + JobOptions.USAGE
        + "\n"
        + JobOptions.HELP
        + "\n  evict    [--product P] [--to-version V] [--older-than 30d]  forget results rows\n"
        + "  sweep    [--grace 1h]       delete partials no live row references\n"
        + "  optimize [--retention 7d]   Delta OPTIMIZE + VACUUM of every table";
  }
}
