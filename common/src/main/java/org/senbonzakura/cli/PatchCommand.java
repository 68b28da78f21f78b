/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code sbz patch}: placeholder until issue #3 lands; it refuses to run. */
public final class PatchCommand implements Command {
  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    throw new UsageException("'patch' is not available yet");
  }

  @Override
  public String usage() {
    return "usage: sbz patch ...";
  }
}
