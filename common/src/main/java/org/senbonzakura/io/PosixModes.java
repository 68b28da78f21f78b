/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.io;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Unix permission bits as {@code java.nio} names them. MAR entries carry a mode such as {@code
 * 0755}, and Hadoop hands one over as a number too; the JDK sets permissions only from a set.
 */
public final class PosixModes {
  /** Bit 0 ({@code 0001}, others may execute) to bit 8 ({@code 0400}, the owner may read). */
  private static final PosixFilePermission[] BY_BIT = {
    PosixFilePermission.OTHERS_EXECUTE,
    PosixFilePermission.OTHERS_WRITE,
    PosixFilePermission.OTHERS_READ,
    PosixFilePermission.GROUP_EXECUTE,
    PosixFilePermission.GROUP_WRITE,
    PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE,
    PosixFilePermission.OWNER_WRITE,
    PosixFilePermission.OWNER_READ,
  };

  private PosixModes() {}

  /**
   * The permissions of {@code mode}'s low nine bits; the setuid, setgid and sticky bits and any
   * file-type bits above them are not permissions and are ignored.
   */
  public static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < BY_BIT.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(BY_BIT[bit]);
      }
    }
    return set;
  }
}
