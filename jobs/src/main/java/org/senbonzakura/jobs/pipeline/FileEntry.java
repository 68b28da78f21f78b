/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import org.senbonzakura.jobs.mar.ExplodedMar;

/**
 * One file of an exploded MAR: what the {@code mar_files} table holds per row (less the MAR's hash)
 * and what a request carries in its two listings. The bytes are in the blob store under {@code
 * sha256}; only these digests and sizes travel between stages.
 */
public class FileEntry implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private String path;
  private int mode;
  private long size;
  private String sha256;
  private String entrySha256;
  private long entrySize;
  private String entryFormat;

  /** the path inside the MAR */
  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  /** the file's mode bits */
  public int getMode() {
    return mode;
  }

  public void setMode(int mode) {
    this.mode = mode;
  }

  /** the uncompressed size */
  public long getSize() {
    return size;
  }

  public void setSize(long size) {
    this.size = size;
  }

  /** the SHA-256 of the uncompressed bytes (the blob's key) */
  public String getSha256() {
    return sha256;
  }

  public void setSha256(String sha256) {
    this.sha256 = sha256;
  }

  /** the SHA-256 of the compressed entry as stored in the MAR */
  public String getEntrySha256() {
    return entrySha256;
  }

  public void setEntrySha256(String entrySha256) {
    this.entrySha256 = entrySha256;
  }

  /** the compressed entry's size */
  public long getEntrySize() {
    return entrySize;
  }

  public void setEntrySize(long entrySize) {
    this.entrySize = entrySize;
  }

  /** the entry's compression (xz, bz2) */
  public String getEntryFormat() {
    return entryFormat;
  }

  public void setEntryFormat(String entryFormat) {
    this.entryFormat = entryFormat;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    FileEntry that = (FileEntry) o;
    return java.util.Objects.equals(path, that.path)
        && java.util.Objects.equals(mode, that.mode)
        && java.util.Objects.equals(size, that.size)
        && java.util.Objects.equals(sha256, that.sha256)
        && java.util.Objects.equals(entrySha256, that.entrySha256)
        && java.util.Objects.equals(entrySize, that.entrySize)
        && java.util.Objects.equals(entryFormat, that.entryFormat);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(path, mode, size, sha256, entrySha256, entrySize, entryFormat);
  }

  @Override
  public String toString() {
    return "FileEntry{"
        + "path="
        + path
        + ", "
        + "mode="
        + mode
        + ", "
        + "size="
        + size
        + ", "
        + "sha256="
        + sha256
        + ", "
        + "entrySha256="
        + entrySha256
        + ", "
        + "entrySize="
        + entrySize
        + ", "
        + "entryFormat="
        + entryFormat
        + "}";
  }

  /** The record of an exploded file. */
  static FileEntry of(ExplodedMar.ExplodedFile f) {
    FileEntry e = new FileEntry();
    e.path = f.path();
    e.mode = f.mode();
    e.size = f.size();
    e.sha256 = f.sha256();
    e.entrySha256 = f.entrySha256();
    e.entrySize = f.entrySize();
    e.entryFormat = f.entryFormat();
    return e;
  }

  /** The exploded file this record describes, as the shared planner and assembler take it. */
  ExplodedMar.ExplodedFile toFile() {
    return new ExplodedMar.ExplodedFile(
        path, mode, size, sha256, entrySha256, entrySize, entryFormat);
  }
}
