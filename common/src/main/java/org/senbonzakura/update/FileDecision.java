/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.Serializable;

/**
 * Why one path got the instruction it got; reported in {@code sbz partial --json} and kept by the
 * Spark job for auditing.
 *
 * @param path the installation path
 * @param action the manifest method ({@code add}, {@code add-if}, {@code add-if-not}, {@code
 *     patch}, {@code patch-if}, {@code remove})
 * @param reason {@code add-if-not}, {@code forced}, {@code patch-smaller}, {@code full-smaller},
 *     {@code full-wins-early}, {@code new} or {@code vanished}
 * @param patchSize compressed patch size, or -1
 * @param fullSize compressed full size, or -1
 */
public record FileDecision(String path, String action, String reason, long patchSize, long fullSize)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
