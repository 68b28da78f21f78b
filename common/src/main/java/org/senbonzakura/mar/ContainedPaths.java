/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one rule for writing a relative name below a target directory, shared by {@code sbz mar
 * extract} and {@code sbz apply}: the name must stay inside the directory lexically, and no
 * directory between the target and the file may be a symbolic link, because writing through one
 * would create or replace a file outside the target (an installation holding {@code lnk ->
 * /elsewhere} and an update adding {@code lnk/evil.txt}). Checked before anything is created.
 */
public final class ContainedPaths {
  private ContainedPaths() {}

  /**
   * The path of {@code name} below {@code root}.
   *
   * @throws MarException if it would lie outside {@code root} or be reached through a symbolic link
   */
  public static Path resolve(Path root, String name) throws MarException {
    Path r = root.toAbsolutePath().normalize();
    Path p = r.resolve(name).normalize();
    if (!p.startsWith(r) || p.equals(r)) {
      throw new MarException(MarNames.quote(name) + " would be written outside " + r);
    }
    Path cur = r;
    Path parent = p.getParent();
    for (int i = r.getNameCount(); i < parent.getNameCount(); i++) {
      Path part = parent.getName(i);
      cur = cur.resolve(part);
      if (Files.isSymbolicLink(cur)) {
        throw new MarException(
            MarNames.quote(name) + " would be written through the symbolic link " + cur);
      }
    }
    return p;
  }
}
