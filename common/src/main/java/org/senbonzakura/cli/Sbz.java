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

/**
 * The {@code sbz} command line. Every failure becomes one line on stderr and a non-zero exit, never
 * a stack trace (set {@code SBZ_DEBUG=1} to see one).
 */
public final class Sbz {
  private static final Map<String, Supplier<Command>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("mar", MarCommand::new);
    COMMANDS.put("diff", DiffCommand::new);
    COMMANDS.put("patch", PatchCommand::new);
    COMMANDS.put("partial", PartialCommand::new);
    COMMANDS.put("complete", CompleteCommand::new);
    COMMANDS.put("apply", ApplyCommand::new);
  }

  private Sbz() {}

  public static void main(String[] argv) {
    System.exit(run(Arrays.asList(argv), System.out, System.err));
  }

  /** Runs one command line and returns its exit status; used by tests too. */
  public static int run(List<String> argv, PrintStream out, PrintStream err) {
    if (argv.isEmpty() || argv.get(0).equals("--help") || argv.get(0).equals("-h")) {
      err.println(topUsage());
      return argv.isEmpty() ? 2 : 0;
    }
    Supplier<Command> factory = COMMANDS.get(argv.get(0));
    if (factory == null) {
      err.println("sbz: unknown command '" + argv.get(0) + "'");
      err.println(topUsage());
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
      err.println("sbz " + argv.get(0) + ": " + oneLine(e));
      return 1;
    }
  }

  static String oneLine(Throwable e) {
    String msg = e.getMessage();
    if (msg == null || msg.isBlank()) {
      msg = e.getClass().getSimpleName();
    }
    return msg.replace('\n', ' ');
  }

  private static String topUsage() {
    return "usage: sbz COMMAND [ARGS]\n"
        + "commands: "
        + String.join(", ", COMMANDS.keySet())
        + "\n  sbz COMMAND --help   shows a command's usage";
  }
}
