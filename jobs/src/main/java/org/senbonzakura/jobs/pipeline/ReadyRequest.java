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

  // Inherited setters, declared again: Spark 3.5 decodes a bean without generated code (the
  // interpreted plans of a small run, scripts/java-opts.sh) by looking each setter up among the
  // methods that the bean's own class declares, and misses inherited ones. BeanSettersTest
  // checks that every bean the pipeline decodes declares all of its setters.

  @Override
  public void setRequestId(String requestId) {
    super.setRequestId(requestId);
  }

  @Override
  public void setProduct(String product) {
    super.setProduct(product);
  }

  @Override
  public void setPlatform(String platform) {
    super.setPlatform(platform);
  }

  @Override
  public void setLocale(String locale) {
    super.setLocale(locale);
  }

  @Override
  public void setFromVersion(String fromVersion) {
    super.setFromVersion(fromVersion);
  }

  @Override
  public void setToVersion(String toVersion) {
    super.setToVersion(toVersion);
  }

  @Override
  public void setFromUrl(String fromUrl) {
    super.setFromUrl(fromUrl);
  }

  @Override
  public void setToUrl(String toUrl) {
    super.setToUrl(toUrl);
  }

  @Override
  public void setFromSha512(String fromSha512) {
    super.setFromSha512(fromSha512);
  }

  @Override
  public void setToSha512(String toSha512) {
    super.setToSha512(toSha512);
  }

  @Override
  public void setChannel(String channel) {
    super.setChannel(channel);
  }

  @Override
  public void setFormat(String format) {
    super.setFormat(format);
  }

  @Override
  public void setForcedFiles(java.util.List<String> forcedFiles) {
    super.setForcedFiles(forcedFiles);
  }

  @Override
  public void setError(String error) {
    super.setError(error);
  }

  @Override
  public void setFromError(String fromError) {
    super.setFromError(fromError);
  }

  @Override
  public void setToError(String toError) {
    super.setToError(toError);
  }

  @Override
  public void setFromBuildId(String fromBuildId) {
    super.setFromBuildId(fromBuildId);
  }

  @Override
  public void setToBuildId(String toBuildId) {
    super.setToBuildId(toBuildId);
  }

  @Override
  public void setToMarVersion(String toMarVersion) {
    super.setToMarVersion(toMarVersion);
  }

  @Override
  public void setToMarChannel(String toMarChannel) {
    super.setToMarChannel(toMarChannel);
  }

  @Override
  public void setL1Hits(int l1Hits) {
    super.setL1Hits(l1Hits);
  }

  @Override
  public void setL1Misses(int l1Misses) {
    super.setL1Misses(l1Misses);
  }

  @Override
  public void setFetchMs(long fetchMs) {
    super.setFetchMs(fetchMs);
  }

  @Override
  public void setExplodeMs(long explodeMs) {
    super.setExplodeMs(explodeMs);
  }
}
