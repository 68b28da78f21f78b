/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.senbonzakura.cli.Command;
import org.senbonzakura.cli.UsageException;

/**
 * The {@code sbz} commands that need Spark: {@code run} (the job), {@code results} (the Delta
 * tables) and {@code requests} (an example requests file). Same conventions as the common CLI: one
 * line on stderr and a non-zero exit on failure.
 */
public final class JobsCli {
  private static final Map<String, Supplier<Command>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("run", RunCommand::new);
    COMMANDS.put("results", ResultsCommand::new);
    COMMANDS.put("requests", org.senbonzakura.jobs.requestbuilder.RequestsCommand::new);
    COMMANDS.put("report", org.senbonzakura.jobs.report.ReportCommand::new);
  }

  private JobsCli() {}

  public static void main(String[] argv) {
    System.exit(run(Arrays.asList(argv), System.out, System.err));
  }

  public static int run(List<String> argv, PrintStream out, PrintStream err) {
    Supplier<Command> factory = argv.isEmpty() ? null : COMMANDS.get(argv.get(0));
    if (factory == null) {
      err.println("usage: sbz {" + String.join("|", COMMANDS.keySet()) + "} [ARGS]  (--help)");
      return 2;
    }
    Command command = factory.get();
    List<String> rest = argv.subList(1, argv.size());
    if (rest.contains("--help") || rest.contains("-h")) {
      out.println(command.usage());
      return 0;
    }
    try {
      return command.run(rest, out, err);
    } catch (UsageException e) {
      err.println("sbz " + argv.get(0) + ": " + e.getMessage());
      err.println(command.usage());
      return 2;
    } catch (Exception e) {
      if (System.getenv("SBZ_DEBUG") != null) {
        e.printStackTrace(err);
      }
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      err.println("sbz " + argv.get(0) + ": " + msg.replace('\n', ' '));
      return 1;
    }
  }
}
