/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.Serializable;
import java.util.List;

/**
 * Choices that change a partial's manifest: the extra files to ship whole ({@code -f}) and the
 * format.
 *
 * @param forcedFiles extra paths always shipped whole, besides the script's built-in list
 * @param format current (xz, updatev3 only) or legacy (bzip2, updatev2 + updatev3)
 */
public record PlanOptions(List<String> forcedFiles, UpdateFormat format) implements Serializable {
  private static final long serialVersionUID = 1L;

  public PlanOptions {
    forcedFiles = List.copyOf(forcedFiles);
  }

  /** No extra forced files, current format. */
  public static PlanOptions defaults() {
    return new PlanOptions(List.of(), UpdateFormat.CURRENT);
  }
}
