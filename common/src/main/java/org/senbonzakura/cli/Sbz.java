/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * The {@code sbz} command line: the pure-Java tools. The Spark commands ({@code run}, {@code
 * results}, {@code requests}, {@code report}) live in the {@code jobs} module and dispatch the same
 * way, through a {@link Dispatcher} of their own.
 */
public final class Sbz {
  private static final Dispatcher DISPATCHER =
      new Dispatcher()
          .add("mar", MarCommand::new)
          .add("diff", DiffCommand::new)
          .add("patch", PatchCommand::new)
          .add("partial", PartialCommand::new)
          .add("complete", CompleteCommand::new)
          .add("apply", ApplyCommand::new);

  private Sbz() {}

  public static void main(String[] argv) {
    DISPATCHER.exit(argv);
  }

  /** Runs one command line and returns its exit status; used by tests too. */
  public static int run(List<String> argv, PrintStream out, PrintStream err) {
    return DISPATCHER.run(argv, out, err);
  }
}
