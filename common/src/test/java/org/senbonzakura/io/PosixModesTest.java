/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class PosixModesTest {
  /** Every mode against the JDK's own reading of its {@code ls -l} string. */
  @Test
  void everyModeIsTheJdksReadingOfItsLsString() {
    String letters = "rwxrwxrwx";
    for (int mode = 0; mode <= 0777; mode++) {
      StringBuilder ls = new StringBuilder();
      for (int i = 0; i < 9; i++) {
        ls.append((mode & (0400 >> i)) != 0 ? letters.charAt(i) : '-');
      }
      assertEquals(
          PosixFilePermissions.fromString(ls.toString()),
          PosixModes.permissions(mode),
          Integer.toOctalString(mode));
      // special and file-type bits are not permissions
      assertEquals(PosixModes.permissions(mode), PosixModes.permissions(0107000 | mode));
    }
  }
}
