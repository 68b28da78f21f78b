/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

/** Receives progress from the builders; the CLI draws a bar from it on a terminal. */
@FunctionalInterface
public interface Progress {
  /** {@code done} of {@code total} units of {@code phase} are finished. */
  void update(String phase, long done, long total);

  /** Ignores everything. */
  Progress NONE = (phase, done, total) -> {};
}
