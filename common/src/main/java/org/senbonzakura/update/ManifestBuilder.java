/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects manifest lines for {@code updatev3.manifest} and, in the legacy format, the matching
 * {@code updatev2.manifest}. v2 predates {@code add-if-not}: such lines are left out of it, except
 * that {@code update-settings.ini} gets a plain add there ({@code check_for_add_to_manifestv2} in
 * the pre-56 {@code common.sh}).
 */
final class ManifestBuilder {
  private final boolean legacy;
  private final List<String> v3 = new ArrayList<>();
  private final List<String> v2 = new ArrayList<>();

  ManifestBuilder(UpdateFormat format) {
    this.legacy = format == UpdateFormat.LEGACY;
  }

  void line(String line) {
    v3.add(line);
    v2.add(line);
  }

  void lines(List<String> lines) {
    for (String l : lines) {
      line(l);
    }
  }

  void addIfNot(String path) {
    v3.add(ManifestRules.addIfNotLine(path));
    if (ManifestRules.basename(path).equals("update-settings.ini")) {
      v2.add(ManifestRules.addLine(path));
    }
  }

  /** The manifests in MAR order; every line ending in {@code "firefox.exe"} is moved last. */
  List<Manifest> build() {
    List<Manifest> out = new ArrayList<>();
    if (legacy) {
      out.add(new Manifest(Manifest.V2, text(v2)));
    }
    out.add(new Manifest(Manifest.V3, text(v3)));
    return out;
  }

  /** Bug 2058197: the lines for the root {@code firefox.exe} go to the very end. */
  private static String text(List<String> lines) {
    StringBuilder b = new StringBuilder();
    List<String> last = new ArrayList<>();
    for (String l : lines) {
      if (l.endsWith("\"firefox.exe\"")) {
        last.add(l);
      } else {
        b.append(l).append('\n');
      }
    }
    for (String l : last) {
      b.append(l).append('\n');
    }
    return b.toString();
  }
}
