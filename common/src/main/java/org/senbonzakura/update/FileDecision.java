/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.Serializable;

/**
 * Why one path got the instruction it got; reported in {@code sbz partial --json}. Both the action
 * and the reason are enums, decided by the planner, never cut back out of manifest lines.
 *
 * @param path the installation path
 * @param action the manifest method
 * @param reason why that method
 * @param patchSize compressed patch size, or -1
 * @param fullSize compressed full size, or -1
 */
public record FileDecision(
    String path, Instruction.Method action, Reason reason, long patchSize, long fullSize)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Why a path got its instruction. */
  public enum Reason {
    /** A file the user may customise: shipped whole, only added if missing. */
    ADD_IF_NOT("add-if-not"),
    /** Always shipped whole (precomplete, removed-files, {@code -f} files ...). */
    FORCED("forced"),
    /** Changed, and the compressed patch is strictly smaller than the compressed full file. */
    PATCH_SMALLER("patch-smaller"),
    /** Changed, and the compressed full file is no larger than the compressed patch. */
    FULL_SMALLER("full-smaller"),
    /** Changed, and the differ's early verdict said a patch could not win. */
    FULL_WINS_EARLY("full-wins-early"),
    /** Only in the new version. */
    NEW("new"),
    /** Only in the old version. */
    VANISHED("vanished"),
    /** Part of a complete MAR. */
    COMPLETE("complete");

    private final String token;

    Reason(String token) {
      this.token = token;
    }

    /** The name used in JSON reports. */
    public String token() {
      return token;
    }
  }
}
