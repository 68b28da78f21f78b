/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.cli;

import java.io.PrintStream;
import java.util.List;
import org.senbonzakura.cli.Dispatcher;
import org.senbonzakura.jobs.cache.CacheCommand;
import org.senbonzakura.jobs.report.ReportCommand;
import org.senbonzakura.jobs.requestbuilder.RequestsCommand;
import org.senbonzakura.jobs.serve.AdminCommand;
import org.senbonzakura.jobs.serve.ServeCommand;

/**
 * The {@code sbz} commands that need Spark: {@code run} (the job), {@code results} (the Delta
 * tables), {@code requests} (the request builder), {@code report} (the run report), {@code serve}
 * (the HTTP service) and {@code cache}/{@code admin} (its cache and queue administration). They
 * dispatch through the common CLI's {@link Dispatcher}, so help, usage errors and failures behave
 * exactly as in the pure-Java commands.
 */
public final class JobsCli {
  private static final Dispatcher DISPATCHER =
      new Dispatcher()
          .add("run", RunCommand::new)
          .add("results", ResultsCommand::new)
          .add("requests", RequestsCommand::new)
          .add("report", ReportCommand::new)
          .add("serve", ServeCommand::new)
          .add("cache", CacheCommand::new)
          .add("admin", AdminCommand::new);

  private JobsCli() {}

  public static void main(String[] argv) {
    DISPATCHER.exit(argv);
  }

  /** Runs one command line and returns its exit status; used by tests too. */
  public static int run(List<String> argv, PrintStream out, PrintStream err) {
    return DISPATCHER.run(argv, out, err);
  }
}
