/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.Serializable;

/**
 * One file entry of an update MAR, in MAR order: the whole new file or a patch for it.
 *
 * @param marName the entry's name in the MAR ({@code path} or {@code path.patch})
 * @param kind full file or patch
 * @param targetPath the installation path the entry produces
 * @param mode the MAR flags: the TO file's 0755/0644 for full files, 0644 for patches (Mozilla's
 *     scripts never {@code chmod} a patch)
 */
public record PlanEntry(String marName, Kind kind, String targetPath, int mode)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What an entry holds. */
  public enum Kind {
    FULL,
    PATCH
  }
}
