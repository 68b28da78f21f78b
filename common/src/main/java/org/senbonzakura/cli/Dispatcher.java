/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.senbonzakura.errors.ErrorLine;

/**
 * Runs one {@code sbz} command line against a table of commands. Both command-line entry points
 * (the pure-Java tools in {@link Sbz} and the Spark commands in the {@code jobs} module) dispatch
 * through it, so every {@code sbz} command parses help and reports failures the same way: usage
 * errors exit 2 with the command's usage, any other failure is one line on stderr and exit 1, never
 * a stack trace (set {@code SBZ_DEBUG=1} to see one).
 */
public final class Dispatcher {
  private final Map<String, Supplier<Command>> commands = new LinkedHashMap<>();

  /** Adds a command; the usage lists the commands in the order they were added. */
  public Dispatcher add(String name, Supplier<Command> command) {
    commands.put(name, command);
    return this;
  }

  /** A {@code main} method's body: runs the command line on the standard streams and exits. */
  public void exit(String[] argv) {
    System.exit(run(Arrays.asList(argv), System.out, System.err));
  }

  /** Runs one command line (the command name first) and returns its exit status. */
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    if (argv.isEmpty() || argv.get(0).equals("--help") || argv.get(0).equals("-h")) {
      err.println(usage());
      return argv.isEmpty() ? 2 : 0;
    }
    Supplier<Command> factory = commands.get(argv.get(0));
    if (factory == null) {
      err.println("sbz: unknown command '" + argv.get(0) + "'");
      err.println(usage());
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
    } catch (Exception | OutOfMemoryError e) {
      if (System.getenv("SBZ_DEBUG") != null) {
        e.printStackTrace(err);
      }
      err.println("sbz " + argv.get(0) + ": " + ErrorLine.of(e));
      return 1;
    }
  }

  /** The top-level usage: the command names and how to get a command's own usage. */
  public String usage() {
    return "usage: sbz COMMAND [ARGS]\n"
        + "commands: "
        + String.join(", ", commands.keySet())
        + "\n  sbz COMMAND --help   shows a command's usage";
  }
}
