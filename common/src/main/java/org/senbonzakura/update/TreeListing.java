/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the manifest rules know about one installation tree: its regular files, its directories
 * (every parent of a file plus any empty directory; never the root) and the text of its {@code
 * removed-files}, if it has one. Plain data, so a Spark job can build it from table rows.
 *
 * @param files the regular files, any order
 * @param directories every directory path, without a trailing {@code /}
 * @param removedFiles the content of {@code removed-files} (or {@code
 *     Contents/Resources/removed-files}), or null if the tree has none
 */
public record TreeListing(List<FileInfo> files, List<String> directories, String removedFiles)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public TreeListing {
    files = List.copyOf(files);
    directories = List.copyOf(directories);
  }

  /**
   * A listing whose directories are the parents of {@code files} plus {@code extraDirectories}
   * (empty directories found on disk).
   */
  public static TreeListing of(
      Collection<FileInfo> files, Collection<String> extraDirectories, String removedFiles) {
    TreeSet<String> dirs = new TreeSet<>(extraDirectories);
    for (FileInfo f : files) {
      String p = f.path();
      for (int i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) {
        dirs.add(p.substring(0, i));
      }
    }
    return new TreeListing(new ArrayList<>(files), new ArrayList<>(dirs), removedFiles);
  }

  /** A listing of just these files; directories are their parents. */
  public static TreeListing of(Collection<FileInfo> files, String removedFiles) {
    return of(files, List.of(), removedFiles);
  }

  /** The files keyed by path. */
  public Map<String, FileInfo> byPath() {
    Map<String, FileInfo> m = new HashMap<>(files.size() * 2);
    for (FileInfo f : files) {
      m.put(f.path(), f);
    }
    return m;
  }

  /** The file at {@code path}, if any. */
  public Optional<FileInfo> file(String path) {
    for (FileInfo f : files) {
      if (f.path().equals(path)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The path of this tree's {@code removed-files}, where Mozilla's scripts look for it. */
  public static final List<String> REMOVED_FILES_PATHS =
      List.of("removed-files", "Contents/Resources/removed-files");

  /** The path of this tree's {@code precomplete}, where Mozilla's scripts look for it. */
  public static final List<String> PRECOMPLETE_PATHS =
      List.of("precomplete", "Contents/Resources/precomplete");
}
