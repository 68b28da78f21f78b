/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

/**
 * Receives progress from the builders; the CLI draws it on a terminal. Two grains: units (files,
 * jobs) through {@link #update}, and bytes with the file being worked on through {@link #bytes},
 * which is what a person watching a long run (libxul's diff) wants to see move.
 */
@FunctionalInterface
public interface Progress {
  /** {@code done} of {@code total} units of {@code phase} are finished. */
  void update(String phase, long done, long total);

  /**
   * {@code done} of {@code total} bytes of {@code phase}'s work are finished; {@code file} is the
   * file last started (null if none). Ignored unless overridden.
   */
  default void bytes(String phase, String file, long done, long total) {}

  /** Ignores everything. */
  Progress NONE = (phase, done, total) -> {};
}
