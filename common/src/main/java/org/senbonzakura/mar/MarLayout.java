/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

/** The two MAR layouts: with a signature block and additional sections, or the old bare one. */
public enum MarLayout {
  /** {@code MAR1}, index offset, total size, signatures, additional sections, data, index. */
  CURRENT,
  /** {@code MAR1}, index offset, data from byte 8, index (from before MAR signing existed). */
  LEGACY
}
