/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.Serializable;

/**
 * What diffing one changed file produced, as far as the patch-or-full decision needs: the
 * compressed size of the patch and of the full file. Mozilla ships the patch only if it is
 * <em>strictly</em> smaller; ties go to the full file.
 *
 * @param patchSize compressed patch size in bytes, or -1 if no patch was made
 * @param fullSize compressed full-file size in bytes, or -1 if unknown
 * @param fullWins true when the differ decided early that no patch can win (then no patch exists)
 */
public record PatchOutcome(long patchSize, long fullSize, boolean fullWins)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Both sizes measured. */
  public static PatchOutcome measured(long patchSize, long fullSize) {
    return new PatchOutcome(patchSize, fullSize, false);
  }

  /** The differ's early verdict: the full file wins without a patch being finished. */
  public static PatchOutcome fullWins(long fullSize) {
    return new PatchOutcome(-1, fullSize, true);
  }

  /** True if the file ships as a patch. */
  public boolean patchWins() {
    return !fullWins && patchSize >= 0 && fullSize >= 0 && patchSize < fullSize;
  }
}
