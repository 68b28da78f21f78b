/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

/**
 * A request whose two MARs are usable, with both file listings (from {@code mar_files}) and the
 * channel its partial gets: what the pair and assemble stages plan from.
 */
public class ReadyRequest extends AttachedRequest implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private String marChannelId;
  private java.util.List<FileEntry> fromFiles;
  private java.util.List<FileEntry> toFiles;

  /** the channel ID the partial gets (configured, or the TO MAR's) */
  public String getMarChannelId() {
    return marChannelId;
  }

  public void setMarChannelId(String marChannelId) {
    this.marChannelId = marChannelId;
  }

  /** the FROM MAR's files */
  public java.util.List<FileEntry> getFromFiles() {
    return fromFiles;
  }

  public void setFromFiles(java.util.List<FileEntry> fromFiles) {
    this.fromFiles = fromFiles;
  }

  /** the TO MAR's files */
  public java.util.List<FileEntry> getToFiles() {
    return toFiles;
  }

  public void setToFiles(java.util.List<FileEntry> toFiles) {
    this.toFiles = toFiles;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass() || !super.equals(o)) {
      return false;
    }
    ReadyRequest that = (ReadyRequest) o;
    return java.util.Objects.equals(marChannelId, that.marChannelId)
        && java.util.Objects.equals(fromFiles, that.fromFiles)
        && java.util.Objects.equals(toFiles, that.toFiles);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(super.hashCode(), marChannelId, fromFiles, toFiles);
  }

  @Override
  public String toString() {
    return super.toString()
        + " "
        + "ReadyRequest{"
        + "marChannelId="
        + marChannelId
        + ", "
        + "fromFiles="
        + fromFiles
        + ", "
        + "toFiles="
        + toFiles
        + "}";
  }
}
