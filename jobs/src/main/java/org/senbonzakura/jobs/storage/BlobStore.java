/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/**
 * The content-addressed store of exploded file contents, keyed by SHA-256. A file shared by every
 * locale is stored once; rows of the pipeline carry only its digest and size, never its bytes.
 */
public final class BlobStore implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int IN_MEMORY_LIMIT = 8 << 20;

  private final Storage storage;
  private final String dir;
  private final String tmpDir;

  public BlobStore(Storage storage, String dir, String tmpDir) {
    this.storage = storage;
    this.dir = dir;
    this.tmpDir = tmpDir;
  }

  /** What {@link #put} stored. */
  public record Stored(String sha256, long size, String location, boolean existed)
      implements Serializable {}

  public String locationOf(String sha256) {
    return Storage.contentAddressed(dir, sha256.toLowerCase(java.util.Locale.ROOT), "");
  }

  public InputStream open(String sha256) throws IOException {
    return storage.open(locationOf(sha256));
  }

  /** Reads a whole blob; callers bound its size first (diffs within their memory budget). */
  public byte[] read(String sha256) throws IOException {
    try (InputStream in = open(sha256)) {
      return in.readAllBytes();
    }
  }

  /**
   * Stores the stream's bytes under their SHA-256. Small contents are hashed in memory and written
   * only if absent; large ones are staged ({@link Storage#stage}) and then committed under their
   * digest.
   */
  public Stored put(InputStream in) throws IOException {
    byte[] head = in.readNBytes(IN_MEMORY_LIMIT + 1);
    if (head.length <= IN_MEMORY_LIMIT) {
      String sha = Digests.sha256Hex(head);
      String loc = locationOf(sha);
      if (storage.exists(loc)) {
        return new Stored(sha, head.length, loc, true);
      }
      storage.writeAtomically(loc, false, out -> out.write(head));
      return new Stored(sha, head.length, loc, false);
    }
    MessageDigest md = Digests.sha256();
    try (Storage.Staged staged = storage.stage(tmpDir + "/blob")) {
      long size;
      try (DigestOutputStream out = new DigestOutputStream(staged.output(), md)) {
        out.write(head);
        size = head.length + in.transferTo(out);
      }
      String sha = Digests.hex(md.digest());
      String loc = locationOf(sha);
      boolean existed = storage.exists(loc);
      staged.commit(loc, false);
      return new Stored(sha, size, loc, existed);
    }
  }

  /** Stores bytes already in memory. */
  public Stored put(byte[] data) throws IOException {
    return put(new java.io.ByteArrayInputStream(data));
  }
}
