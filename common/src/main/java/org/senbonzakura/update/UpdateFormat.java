/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

/**
 * Which updaters a MAR is for. {@link #CURRENT} is what Mozilla ships today (xz entries, {@code
 * updatev3.manifest} only); {@link #LEGACY} is for updaters older than Firefox 56, which read only
 * bzip2 entries and look for {@code updatev2.manifest} too (spec §2.1, §4.9).
 */
public enum UpdateFormat {
  CURRENT,
  LEGACY;

  /** Parses {@code current} or {@code legacy}. */
  public static UpdateFormat parse(String s) throws UpdateException {
    switch (s) {
      case "current":
        return CURRENT;
      case "legacy":
        return LEGACY;
      default:
        throw new UpdateException("unknown format '" + s + "' (expected current or legacy)");
    }
  }
}
