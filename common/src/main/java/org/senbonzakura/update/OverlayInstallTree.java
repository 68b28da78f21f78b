/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.senbonzakura.io.BigFiles;

/**
 * An installation held as a listing plus in-memory changes, so a partial can be verified against a
 * FROM tree (or a FROM complete MAR) without copying it to disk. Unchanged files are read from the
 * base source on demand; written files keep their bytes: small ones on the heap, big ones ({@link
 * #SPILL_AT} and more) in a temporary file until {@link #close}. A partial's written files are most
 * of the new tree (libxul alone is ~180 MB), and holding them all while the next big patch is
 * applied is what made verification the peak of {@code sbz partial}'s heap.
 *
 * <p>With a {@link VerifierMemo} the tree keeps digests only: an entry or patch whose result the
 * memo knows is not decoded or applied at all, work that is done is recorded in the memo, and bytes
 * are dropped once hashed (a verifier may hold a whole partial's worth of new files), so a file's
 * content is fetched by digest through the memo when a patch really needs it.
 */
public final class OverlayInstallTree implements InstallTree, AutoCloseable {
  /** Written files of this size or more are kept in a temporary file, not on the heap. */
  static final int SPILL_AT = 8 << 20;

  private final TreeSource base;
  private final VerifierMemo memo;
  private final int spillAt;
  private final Map<String, FileInfo> files = new HashMap<>();
  private final Map<String, byte[]> written = new HashMap<>();
  private final Map<String, Path> spilled = new HashMap<>();
  private final Set<String> dirs = new HashSet<>();
  private Path spillDir;

  public OverlayInstallTree(TreeSource base) {
    this(base, null);
  }

  /** A tree that consults {@code memo} (null: none, keep written bytes) before doing work. */
  public OverlayInstallTree(TreeSource base, VerifierMemo memo) {
    this(base, memo, SPILL_AT);
  }

  OverlayInstallTree(TreeSource base, VerifierMemo memo, int spillAt) {
    this.base = base;
    this.memo = memo;
    this.spillAt = spillAt;
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
    Path s = spilled.get(path);
    if (s != null) {
      return BigFiles.readAllBytes(s);
    }
    FileInfo f = files.get(path);
    if (f == null) {
      throw new IOException("no file '" + path + "'");
    }
    return memo == null ? base.read(path) : memo.read(new ContentDigest(f.sha256(), f.size()));
  }

  @Override
  public int mode(String path) {
    FileInfo f = files.get(path);
    return f == null ? 0644 : f.mode();
  }

  @Override
  public void write(String path, byte[] content, int mode) throws IOException, UpdateException {
    put(path, ContentDigest.of(content), mode);
    if (memo == null) {
      if (content.length < spillAt) {
        written.put(path, content);
      } else {
        spill(path, content);
      }
    }
  }

  private void spill(String path, byte[] content) throws UpdateException {
    try {
      if (spillDir == null) {
        spillDir = Files.createTempDirectory("sbz-verify");
      }
      Path f = Files.createTempFile(spillDir, "written", ".bin");
      BigFiles.write(f, content);
      spilled.put(path, f);
    } catch (IOException e) {
      throw new UpdateException(
          "cannot keep '" + path + "' for verification: " + e.getMessage(), e);
    }
  }

  /** Bytes of written files held on the heap (not those kept in temporary files). */
  long heldBytes() {
    return written.values().stream().mapToLong(b -> b.length).sum();
  }

  /** Deletes the temporary files of big written files. */
  @Override
  public void close() throws IOException {
    for (Path f : spilled.values()) {
      Files.deleteIfExists(f);
    }
    spilled.clear();
    if (spillDir != null) {
      Files.deleteIfExists(spillDir);
      spillDir = null;
    }
  }

  @Override
  public void add(String path, UpdateContents update, String entry, int mode)
      throws IOException, UpdateException {
    if (memo == null) {
      InstallTree.super.add(path, update, entry, mode);
      return;
    }
    ContentDigest stored = update.stored(entry);
    ContentDigest content = memo.knownDecoded(stored);
    if (content == null) {
      content = ContentDigest.of(update.entry(entry));
      memo.recordDecoded(stored, content);
    }
    put(path, content, mode);
  }

  @Override
  public void patch(String path, UpdateContents update, String entry, PatchFunction patcher)
      throws IOException {
    if (memo == null) {
      InstallTree.super.patch(path, update, entry, patcher);
      return;
    }
    FileInfo f = files.get(path);
    ContentDigest old = new ContentDigest(f.sha256(), f.size());
    ContentDigest patch = update.stored(entry);
    ContentDigest result = memo.knownPatched(old, patch);
    if (result == null) {
      result = ContentDigest.of(patcher.apply(read(path), update.entry(entry)));
      memo.recordPatched(old, patch, result);
    }
    put(path, result, f.mode());
  }

  /** Records a regular file's new content, creating missing parent directories. */
  private void put(String path, ContentDigest content, int mode)
      throws IOException, UpdateException {
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
    files.put(path, new FileInfo(path, mode, content.sha256(), content.size()));
    forget(path);
  }

  @Override
  public void delete(String path) throws IOException {
    files.remove(path);
    forget(path);
  }

  /** Drops the bytes kept for {@code path}, on the heap or in a temporary file. */
  private void forget(String path) throws IOException {
    written.remove(path);
    Path s = spilled.remove(path);
    if (s != null) {
      Files.deleteIfExists(s);
    }
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
