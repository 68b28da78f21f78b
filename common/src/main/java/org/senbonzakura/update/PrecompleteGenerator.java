/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@code precomplete} the way Mozilla's {@code config/createprecomplete.py} does (spec
 * §4.5): {@code remove "f"} for every file, then {@code rmdir "d/"} for every directory, each in
 * reverse code point order, leaving out {@code channel-prefs.js}, {@code update-settings.ini}, the
 * two settings frameworks and everything under {@code distribution/}. The file lists itself, since
 * the script creates it before walking the tree.
 */
public final class PrecompleteGenerator {
  private PrecompleteGenerator() {}

  /** Where the tree's precomplete goes: {@code Contents/Resources/} in a macOS bundle. */
  public static String pathFor(TreeListing tree) {
    return tree.directories().contains("Contents/Resources")
            || tree.directories().contains("Contents/MacOS")
        ? "Contents/Resources/precomplete"
        : "precomplete";
  }

  /** The precomplete text for {@code tree}, which is assumed to contain {@code precompletePath}. */
  public static String generate(TreeListing tree, String precompletePath) {
    List<String> files = new ArrayList<>();
    boolean sawSelf = false;
    for (FileInfo f : tree.files()) {
      sawSelf |= f.path().equals(precompletePath);
      if (keepFile(f.path())) {
        files.add(f.path());
      }
    }
    if (!sawSelf) {
      files.add(precompletePath);
    }
    List<String> dirs = new ArrayList<>();
    for (String d : tree.directories()) {
      String withSlash = d + "/";
      if (!withSlash.contains("distribution/")) {
        dirs.add(withSlash);
      }
    }
    files.sort(PathOrder.REVERSE);
    dirs.sort(PathOrder.REVERSE);
    StringBuilder b = new StringBuilder();
    for (String f : files) {
      b.append("remove \"").append(f).append("\"\n");
    }
    for (String d : dirs) {
      b.append("rmdir \"").append(d).append("\"\n");
    }
    return b.toString();
  }

  private static boolean keepFile(String p) {
    return !(p.endsWith("channel-prefs.js")
        || p.endsWith("update-settings.ini")
        || p.contains("/ChannelPrefs.framework/")
        || p.startsWith("ChannelPrefs.framework/")
        || p.contains("/UpdateSettings.framework/")
        || p.startsWith("UpdateSettings.framework/")
        || p.contains("distribution/"));
  }
}
