/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requestbuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The complete MARs of one version of a product, keyed by (platform, locale). Built from a
 * directory or a manifest by {@link ReleaseLoader}.
 */
public record Release(String source, String version, Map<String, CompleteMar> bySlot) {

  static Release of(String source, List<CompleteMar> mars) throws RequestBuildException {
    if (mars.isEmpty()) {
      throw new RequestBuildException("no complete MAR found in " + source);
    }
    String version = mars.get(0).version();
    Map<String, CompleteMar> slots = new LinkedHashMap<>();
    for (CompleteMar m : mars) {
      if (!m.version().equals(version)) {
        throw new RequestBuildException(
            source + " mixes versions " + version + " and " + m.version() + " (one release each)");
      }
      CompleteMar before = slots.put(m.slot(), m);
      if (before != null) {
        throw new RequestBuildException(
            source
                + " has two complete MARs for "
                + m.slot()
                + ": "
                + before.url()
                + " and "
                + m.url());
      }
    }
    return new Release(source, version, Map.copyOf(slots));
  }
}
