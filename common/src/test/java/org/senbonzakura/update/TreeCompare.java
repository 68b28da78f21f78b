/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Path to SHA-256 maps of directory trees, for whole-tree assertions. */
final class TreeCompare {
  private TreeCompare() {}

  static Map<String, String> hashes(Path dir) throws IOException {
    Map<String, String> m = new TreeMap<>();
    for (FileInfo f : DirectorySource.scan(dir).listing().files()) {
      m.put(f.path(), f.sha256());
    }
    return m;
  }
}
