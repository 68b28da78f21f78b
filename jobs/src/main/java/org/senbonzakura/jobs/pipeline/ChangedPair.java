/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

/**
 * The pair stage's record: one request's changed file, as an (old, new) pair of blob digests with
 * the sizes that order and bound its diff. Not yet deduplicated over requests.
 */
public class ChangedPair implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private String requestId;
  private String path;
  private String oldSha256;
  private String newSha256;
  private String algorithmVersion;
  private long oldSize;
  private long newSize;
  private long fullSize;

  /** the request */
  public String getRequestId() {
    return requestId;
  }

  public void setRequestId(String requestId) {
    this.requestId = requestId;
  }

  /** the file's path */
  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  /** the FROM file's SHA-256 */
  public String getOldSha256() {
    return oldSha256;
  }

  public void setOldSha256(String oldSha256) {
    this.oldSha256 = oldSha256;
  }

  /** the TO file's SHA-256 */
  public String getNewSha256() {
    return newSha256;
  }

  public void setNewSha256(String newSha256) {
    this.newSha256 = newSha256;
  }

  /** the patch-cache algorithm version of the run's differ */
  public String getAlgorithmVersion() {
    return algorithmVersion;
  }

  public void setAlgorithmVersion(String algorithmVersion) {
    this.algorithmVersion = algorithmVersion;
  }

  /** the FROM file's size */
  public long getOldSize() {
    return oldSize;
  }

  public void setOldSize(long oldSize) {
    this.oldSize = oldSize;
  }

  /** the TO file's size */
  public long getNewSize() {
    return newSize;
  }

  public void setNewSize(long newSize) {
    this.newSize = newSize;
  }

  /** the TO entry's compressed size: what a patch must beat */
  public long getFullSize() {
    return fullSize;
  }

  public void setFullSize(long fullSize) {
    this.fullSize = fullSize;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    ChangedPair that = (ChangedPair) o;
    return java.util.Objects.equals(requestId, that.requestId)
        && java.util.Objects.equals(path, that.path)
        && java.util.Objects.equals(oldSha256, that.oldSha256)
        && java.util.Objects.equals(newSha256, that.newSha256)
        && java.util.Objects.equals(algorithmVersion, that.algorithmVersion)
        && java.util.Objects.equals(oldSize, that.oldSize)
        && java.util.Objects.equals(newSize, that.newSize)
        && java.util.Objects.equals(fullSize, that.fullSize);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        requestId, path, oldSha256, newSha256, algorithmVersion, oldSize, newSize, fullSize);
  }

  @Override
  public String toString() {
    return "ChangedPair{"
        + "requestId="
        + requestId
        + ", "
        + "path="
        + path
        + ", "
        + "oldSha256="
        + oldSha256
        + ", "
        + "newSha256="
        + newSha256
        + ", "
        + "algorithmVersion="
        + algorithmVersion
        + ", "
        + "oldSize="
        + oldSize
        + ", "
        + "newSize="
        + newSize
        + ", "
        + "fullSize="
        + fullSize
        + "}";
  }

  static ChangedPair of(
      String requestId,
      String path,
      String oldSha256,
      String newSha256,
      String algorithm,
      long oldSize,
      long newSize,
      long fullSize) {
    ChangedPair p = new ChangedPair();
    p.requestId = requestId;
    p.path = path;
    p.oldSha256 = oldSha256;
    p.newSha256 = newSha256;
    p.algorithmVersion = algorithm;
    p.oldSize = oldSize;
    p.newSize = newSize;
    p.fullSize = fullSize;
    return p;
  }
}
