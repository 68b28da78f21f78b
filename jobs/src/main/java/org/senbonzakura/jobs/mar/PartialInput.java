/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.mar;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to assemble one request's partial, all small metadata: the two file lists, the
 * stored patch for each changed pair, and the MAR's product information.
 *
 * @param patches for each path whose pair was diffed: the stored patch and its compressed size
 */
public record PartialInput(
    String platform,
    String format,
    List<String> forcedFiles,
    String marChannel,
    String marVersion,
    List<ExplodedMar.ExplodedFile> fromFiles,
    List<ExplodedMar.ExplodedFile> toFiles,
    Map<String, StoredPatch> patches)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * A compressed patch in the patch store, or the differ's early "full wins" verdict.
   *
   * @param location the stored patch, or null for "full wins"
   * @param size the patch's compressed size; for "full wins", the full size the verdict was given
   *     (it holds for every full entry of at most that size)
   */
  public record StoredPatch(String location, long size) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static StoredPatch fullWins(long fullSizeBound) {
      return new StoredPatch(null, fullSizeBound);
    }

    public boolean isFullWins() {
      return location == null;
    }
  }
}
