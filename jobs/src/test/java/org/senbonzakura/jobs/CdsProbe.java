/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs;

/**
 * A main class for {@link ClassDataSharingTest}: the application class whose loading, from a jar or
 * from the launchers' class-data archive, the test watches. Exits with its argument.
 */
public final class CdsProbe {
  private CdsProbe() {}

  /** Exits with the status given as the first argument (0 without one). */
  public static void main(String[] args) {
    System.exit(args.length == 0 ? 0 : Integer.parseInt(args[0]));
  }
}
