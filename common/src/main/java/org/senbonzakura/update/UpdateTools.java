/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import org.senbonzakura.mbdiff.MbPatch;

/**
 * The real implementations behind the assembly interfaces: sbz's MAR container, entry codecs and
 * MBDIFF10 patcher. One place to change if any of them moves.
 */
public final class UpdateTools {
  private UpdateTools() {}

  public static EntryCodec codec() {
    throw new UnsupportedOperationException("the MAR/compress library (issue #2) is not in yet");
  }

  public static MarIo marIo() {
    throw new UnsupportedOperationException("the MAR/compress library (issue #2) is not in yet");
  }

  public static PatchFunction patcher() {
    return MbPatch::apply;
  }
}
