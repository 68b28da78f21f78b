/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One {@code sbz} subcommand. Implementations throw on failure; {@link Sbz} turns that into a
 * one-line message and a non-zero exit.
 */
public interface Command {
  /**
   * Runs the command.
   *
   * @param args the arguments after the subcommand name
   * @param out where results go
   * @param err where progress and diagnostics go
   * @return the process exit status
   */
  int run(List<String> args, PrintStream out, PrintStream err) throws Exception;

  /** A short usage text, printed for {@code --help} and after a usage error. */
  String usage();
}
