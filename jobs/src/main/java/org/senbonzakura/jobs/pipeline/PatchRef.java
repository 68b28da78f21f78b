/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

/**
 * A request's patch for one path: the stored patch, or (no {@code patchPath}) a "full wins" verdict
 * that holds for full entries up to {@code patchSize}.
 */
public class PatchRef implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private String path;
  private String patchPath;
  private Long patchSize;

  /** the file's path */
  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  /** where the compressed patch is, or null: full wins */
  public String getPatchPath() {
    return patchPath;
  }

  public void setPatchPath(String patchPath) {
    this.patchPath = patchPath;
  }

  /** the compressed patch's size, or the full size a verdict holds for */
  public Long getPatchSize() {
    return patchSize;
  }

  public void setPatchSize(Long patchSize) {
    this.patchSize = patchSize;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    PatchRef that = (PatchRef) o;
    return java.util.Objects.equals(path, that.path)
        && java.util.Objects.equals(patchPath, that.patchPath)
        && java.util.Objects.equals(patchSize, that.patchSize);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(path, patchPath, patchSize);
  }

  @Override
  public String toString() {
    return "PatchRef{"
        + "path="
        + path
        + ", "
        + "patchPath="
        + patchPath
        + ", "
        + "patchSize="
        + patchSize
        + "}";
  }
}
