/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requestbuilder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small release directories in Mozilla's layout for the builder's tests. */
final class Releases {
  private Releases() {}

  /** {@code root/<platform>/<locale>/firefox-<version>.complete.mar} for each "platform/locale". */
  static Path dir(Path root, String version, String... slots) throws Exception {
    for (String slot : slots) {
      Path d = root.resolve(slot);
      Files.createDirectories(d);
      Files.writeString(
          d.resolve("firefox-" + version + ".complete.mar"),
          "MAR1 bytes of " + slot + " " + version,
          StandardCharsets.UTF_8);
      Files.writeString(d.resolve("SHA512SUMS.txt"), "ignored");
    }
    return root;
  }
}
