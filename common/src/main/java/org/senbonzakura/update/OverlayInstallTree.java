/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An installation held as a listing plus in-memory changes, so a partial can be verified against a
 * FROM tree (or a FROM complete MAR) without copying it to disk. Unchanged files are read from the
 * base source on demand; written files keep their bytes.
 */
public final class OverlayInstallTree implements InstallTree {
  private final TreeSource base;
  private final Map<String, FileInfo> files = new HashMap<>();
  private final Map<String, byte[]> written = new HashMap<>();
  private final Set<String> dirs = new HashSet<>();

  public OverlayInstallTree(TreeSource base) {
    this.base = base;
    for (FileInfo f : base.listing().files()) {
      files.put(f.path(), f);
    }
    dirs.addAll(base.listing().directories());
  }

  /** The files now in the tree, with the hashes of their current content. */
  public List<FileInfo> files() {
    return new ArrayList<>(files.values());
  }

  @Override
  public Kind kind(String path) {
    if (files.containsKey(path)) {
      return Kind.FILE;
    }
    return dirs.contains(path) ? Kind.DIRECTORY : Kind.NONE;
  }

  @Override
  public byte[] read(String path) throws IOException {
    byte[] w = written.get(path);
    if (w != null) {
      return w;
    }
    if (!files.containsKey(path)) {
      throw new IOException("no file '" + path + "'");
    }
    return base.read(path);
  }

  @Override
  public int mode(String path) {
    FileInfo f = files.get(path);
    return f == null ? 0644 : f.mode();
  }

  @Override
  public void write(String path, byte[] content, int mode) throws UpdateException {
    if (dirs.contains(path)) {
      throw new UpdateException("cannot write file '" + path + "': it is a directory");
    }
    for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
      String parent = path.substring(0, i);
      if (files.containsKey(parent)) {
        throw new UpdateException("cannot write '" + path + "': '" + parent + "' is a file");
      }
      dirs.add(parent);
    }
    files.put(path, new FileInfo(path, mode, Hashes.sha256(content), content.length));
    written.put(path, content);
  }

  @Override
  public void delete(String path) {
    files.remove(path);
    written.remove(path);
  }

  @Override
  public boolean removeDirectoryIfEmpty(String path) {
    String prefix = path + "/";
    for (String f : files.keySet()) {
      if (f.startsWith(prefix)) {
        return false;
      }
    }
    for (String d : dirs) {
      if (d.startsWith(prefix)) {
        return false;
      }
    }
    dirs.remove(path);
    return true;
  }

  @Override
  public List<String> listUnder(String dir) {
    String prefix = dir + "/";
    List<String> out = new ArrayList<>();
    for (String f : files.keySet()) {
      if (f.startsWith(prefix)) {
        out.add(f);
      }
    }
    for (String d : dirs) {
      if (d.startsWith(prefix)) {
        out.add(d + "/");
      }
    }
    out.sort(PathOrder.REVERSE);
    return out;
  }
}
