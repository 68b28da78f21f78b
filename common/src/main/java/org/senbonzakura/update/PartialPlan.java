/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.Serializable;
import java.util.List;

/**
 * Everything needed to write an update MAR except the bytes of its entries: the manifests (which go
 * first, in this order), then the file entries in order, plus the per-file decisions.
 *
 * @param manifests {@code updatev3.manifest}, preceded by {@code updatev2.manifest} for the legacy
 *     format
 * @param entries the file entries in MAR order, after the manifests
 * @param decisions one per path that got an instruction (not for removed-files or rmdir lines)
 */
public record PartialPlan(
    List<Manifest> manifests, List<PlanEntry> entries, List<FileDecision> decisions)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public PartialPlan {
    manifests = List.copyOf(manifests);
    entries = List.copyOf(entries);
    decisions = List.copyOf(decisions);
  }

  /** The {@code updatev3.manifest} text. */
  public String manifestV3() {
    for (Manifest m : manifests) {
      if (m.name().equals(Manifest.V3)) {
        return m.text();
      }
    }
    throw new IllegalStateException("plan without updatev3.manifest");
  }
}
