/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the golden outputs of Mozilla's tools are (../shared/golden, see its README). */
final class GoldenTrees {
  private GoldenTrees() {}

  static Path partialSmall() {
    String shared = System.getProperty("sbz.shared");
    if (shared == null) {
      throw new IllegalStateException("system property sbz.shared is not set (run via Maven)");
    }
    return Paths.get(shared, "golden", "partial-small");
  }
}
