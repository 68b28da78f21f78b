/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small listings for planner tests: a file's "content" is a short string hashed for real. */
final class Trees {
  private final Map<String, FileInfo> files = new LinkedHashMap<>();
  private final List<String> emptyDirs = new ArrayList<>();
  private String removedFiles;

  static Trees tree() {
    return new Trees().file("precomplete", "pre");
  }

  Trees file(String path, String content) {
    return file(path, content, 0644);
  }

  Trees file(String path, String content, int mode) {
    byte[] b = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    files.put(path, new FileInfo(path, mode, Hashes.sha256(b), b.length));
    return this;
  }

  Trees without(String path) {
    files.remove(path);
    return this;
  }

  Trees emptyDir(String path) {
    emptyDirs.add(path);
    return this;
  }

  Trees removedFiles(String text) {
    this.removedFiles = text;
    return file("removed-files", text);
  }

  TreeListing listing() {
    return TreeListing.of(files.values(), emptyDirs, removedFiles);
  }
}
