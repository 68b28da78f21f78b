/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.cli.Args;
import org.senbonzakura.cli.Command;
import org.senbonzakura.cli.UsageException;
import org.senbonzakura.jobs.config.ConfigurationException;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.config.JobOptions;
import org.senbonzakura.jobs.spark.SparkSessions;

/** {@code sbz serve}: starts the service and runs until the process is stopped. */
public final class ServeCommand implements Command {
  /** The job's config and the service's settings, from one resolved tree. */
  public record Loaded(JobConfig job, ServeSettings serve) {}

  /** Loads both from the usual layers plus the command's flags. */
  public static Loaded load(Args a) throws ConfigurationException, UsageException {
    Map<String, Object> flags = new HashMap<>();
    if (a.get("--port", null) != null) {
      try {
        flags.put("sbz.serve.port", Integer.parseInt(a.get("--port", null)));
      } catch (NumberFormatException e) {
        throw new UsageException("--port must be a number");
      }
    }
    if (a.get("--bind", null) != null) {
      flags.put("sbz.serve.bind", a.get("--bind", null));
    }
    if (!a.all("--allow-url-prefix").isEmpty()) {
      flags.put("sbz.fetch.allow-url-prefixes", a.all("--allow-url-prefix"));
    }
    JobOptions.Loaded loaded = JobOptions.loadWithTree(a, flags);
    return new Loaded(
        loaded.job(), ServeSettings.from(loaded.tree(), a.get(JobOptions.CONF, null)));
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = Args.parse(argv, Set.of(), JobOptions.names("--port", "--bind", "--allow-url-prefix"));
    a.positionals(0, 0);
    Loaded l = load(a);
    SparkSession spark = SparkSessions.create(l.job());
    PartialService service = new PartialService(spark, l.job(), l.serve()).start();
    out.println("sbz serve: http://" + l.serve().bind() + ":" + service.port() + "/");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (java.io.IOException e) {
                    System.err.println("sbz serve: stopping: " + e.getMessage());
                  }
                  spark.stop();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  @Override
  public String usage() {
    return "usage: sbz serve [--port N] [--bind ADDR] [--allow-url-prefix P]... "
        + JobOptions.USAGE
        + "\n  partials on demand over HTTP (docs/api.md); binds 127.0.0.1:8080 by default\n"
        + JobOptions.HELP;
  }
}
