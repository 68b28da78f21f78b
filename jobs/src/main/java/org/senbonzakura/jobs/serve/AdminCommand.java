/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.cli.Args;
import org.senbonzakura.cli.Command;
import org.senbonzakura.cli.UsageException;
import org.senbonzakura.jobs.config.JobOptions;
import org.senbonzakura.jobs.spark.SparkSessions;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.QueueTable;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * {@code sbz admin retry ID...|--failed}: queues failed requests of the service's queue again and,
 * unless {@code --no-run}, runs them at once with the service's {@link BatchRunner} and runner
 * ({@code sbz.serve.runner}), so a release engineer can retry without the service. With a service
 * running on the same root, use its admin API instead: it owns the queue while it runs, and on a
 * {@code file:} root this command refuses to run beside it (the root's lock).
 */
public final class AdminCommand implements Command {
  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = Args.parse(argv, Set.of("--failed", "--no-run"), JobOptions.names());
    List<String> pos = a.positionals(1, Integer.MAX_VALUE);
    if (!pos.get(0).equals("retry")) {
      throw new UsageException("unknown admin action '" + pos.get(0) + "'");
    }
    List<String> ids = pos.subList(1, pos.size());
    if (ids.isEmpty() == !a.has("--failed")) {
      throw new UsageException("give request ids or --failed (not both)");
    }
    ServeCommand.Loaded l = ServeCommand.load(a);
    // the queue and the runs belong to the service while one runs on this root: refuse beside it
    RootLock lock = RootLock.acquire(l.job().storageRoot);
    try {
      return retry(a, ids, l, out, err);
    } finally {
      lock.close();
    }
  }

  private static int retry(
      Args a, List<String> ids, ServeCommand.Loaded l, PrintStream out, PrintStream err)
      throws IOException {
    SparkSession spark = SparkSessions.create(l.job());
    try {
      QueueTable queue = new QueueTable(spark, l.serve().queueTable());
      java.util.Map<String, String> status = new java.util.HashMap<>();
      for (var r :
          DeltaTables.readOrEmpty(spark, l.job().resultsTable, TableSchemas.RESULTS)
              .select("request_id", "status")
              .collectAsList()) {
        status.put(r.getString(0), r.getString(1));
      }
      List<QueueTable.Item> retry = new ArrayList<>();
      for (QueueTable.Item i : queue.readAll()) {
        boolean failed = "failed".equals(status.get(i.id()));
        boolean picked = a.has("--failed") ? failed : ids.contains(i.id());
        if (picked && i.request() != null && !i.state().equals(QueueTable.WITHDRAWN)) {
          if (!failed) {
            err.println("sbz admin: " + i.id() + " is " + status.get(i.id()) + ", not failed");
            continue;
          }
          retry.add(i.with(QueueTable.QUEUED, i.runId(), i.attempts()));
        }
      }
      queue.write(retry);
      out.println("queued " + retry.size() + " request(s) again");
      if (retry.isEmpty() || a.has("--no-run")) {
        return 0;
      }
      BatchRunner runner =
          new BatchRunner(spark, l.job(), PipelineLauncher.of(spark, l.job(), l.serve()));
      BatchRunner.Outcome o = runner.run(retry, phase -> {});
      queue.markProcessed(retry, o.stats().runId, id -> true);
      out.println(o.stats().summary());
      int failed = 0;
      for (Result r : o.results()) {
        out.println(r.id() + " " + r.status() + (r.error() == null ? "" : ": " + r.error()));
        failed += r.built() ? 0 : 1;
      }
      return failed == 0 ? 0 : 1;
    } finally {
      spark.stop();
    }
  }

  @Override
  public String usage() {
    return "usage: sbz admin retry (ID... | --failed) [--no-run] "
        + JobOptions.USAGE
        + "\n  queues failed requests of the service's queue again and runs them\n"
        + JobOptions.HELP;
  }
}
