/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A local, content-addressed cache of compressed per-file results, so a second partial that needs
 * the same (old file, new file) pair, or the same compressed full file, does no work. Keys are
 * derived from the SHA-256 of the contents plus the differ mode and compression, never from paths.
 * Writes go to a temporary file in the same directory and are renamed into place atomically, so
 * concurrent runs and crashes never leave a half-written entry behind.
 */
public final class PatchCache {
  private static final byte[] FULL_WINS = new byte[0];

  private final Path dir;

  public PatchCache(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  /** The cached compressed patch; an empty array means the differ's "full wins" verdict. */
  public Optional<byte[]> patch(String fromSha, String toSha, String differ, EntryCompression c)
      throws IOException {
    return get(patchKey(fromSha, toSha, differ, c));
  }

  /** Stores a compressed patch, or null for a "full wins" verdict. */
  public void putPatch(String fromSha, String toSha, String differ, EntryCompression c, byte[] p)
      throws IOException {
    put(patchKey(fromSha, toSha, differ, c), p == null ? FULL_WINS : p);
  }

  /** The cached compressed full file. */
  public Optional<byte[]> full(String sha, EntryCompression c) throws IOException {
    return get(fullKey(sha, c));
  }

  public void putFull(String sha, EntryCompression c, byte[] compressed) throws IOException {
    put(fullKey(sha, c), compressed);
  }

  private static String patchKey(String from, String to, String differ, EntryCompression c) {
    return "patch-" + from + "-" + to + "-" + differ + "-" + tag(c);
  }

  private static String fullKey(String sha, EntryCompression c) {
    return "full-" + sha + "-" + tag(c);
  }

  private static String tag(EntryCompression c) {
    return c.xz() ? (c.bcj() ? "xz-x86" : "xz") : "bz2";
  }

  private Path file(String key) {
    // patch-<sha>... / full-<sha>...: shard on the first content hash
    int dash = key.indexOf('-');
    return dir.resolve(key.substring(dash + 1, dash + 3)).resolve(key);
  }

  private Optional<byte[]> get(String key) throws IOException {
    Path f = file(key);
    return Files.isRegularFile(f) ? Optional.of(Files.readAllBytes(f)) : Optional.empty();
  }

  private void put(String key, byte[] data) throws IOException {
    Path f = file(key);
    Files.createDirectories(f.getParent());
    Path tmp = Files.createTempFile(f.getParent(), ".tmp-", "");
    try {
      Files.write(tmp, data);
      try {
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
