/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

/**
 * A ready request with what the assemble stage adds: the patch (or "full wins" verdict) of each of
 * its changed pairs, the error of a pair that could not be diffed (which fails it alone), its
 * patch-cache hits and misses and the run's diff time.
 */
public class AssemblyJob extends ReadyRequest implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private java.util.List<PatchRef> patches;
  private String diffError;
  private Integer l2Hits;
  private Integer l2Misses;
  private long diffMs;

  /** one per changed pair answered by the patch cache or this run */
  public java.util.List<PatchRef> getPatches() {
    return patches;
  }

  public void setPatches(java.util.List<PatchRef> patches) {
    this.patches = patches;
  }

  /** the error of a pair it needs that could not be diffed, or null */
  public String getDiffError() {
    return diffError;
  }

  public void setDiffError(String diffError) {
    this.diffError = diffError;
  }

  /** its pairs answered by an earlier run's patch-cache row */
  public Integer getL2Hits() {
    return l2Hits;
  }

  public void setL2Hits(Integer l2Hits) {
    this.l2Hits = l2Hits;
  }

  /** its pairs diffed by this run */
  public Integer getL2Misses() {
    return l2Misses;
  }

  public void setL2Misses(Integer l2Misses) {
    this.l2Misses = l2Misses;
  }

  /** the run's diff time */
  public long getDiffMs() {
    return diffMs;
  }

  public void setDiffMs(long diffMs) {
    this.diffMs = diffMs;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass() || !super.equals(o)) {
      return false;
    }
    AssemblyJob that = (AssemblyJob) o;
    return java.util.Objects.equals(patches, that.patches)
        && java.util.Objects.equals(diffError, that.diffError)
        && java.util.Objects.equals(l2Hits, that.l2Hits)
        && java.util.Objects.equals(l2Misses, that.l2Misses)
        && java.util.Objects.equals(diffMs, that.diffMs);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(super.hashCode(), patches, diffError, l2Hits, l2Misses, diffMs);
  }

  @Override
  public String toString() {
    return super.toString()
        + " "
        + "AssemblyJob{"
        + "patches="
        + patches
        + ", "
        + "diffError="
        + diffError
        + ", "
        + "l2Hits="
        + l2Hits
        + ", "
        + "l2Misses="
        + l2Misses
        + ", "
        + "diffMs="
        + diffMs
        + "}";
  }

  @Override
  void describe(Result r) {
    super.describe(r);
    r.setL2Hits(l2Hits);
    r.setL2Misses(l2Misses);
    r.setDiffMs(diffMs);
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

  @Override
  public void setMarChannelId(String marChannelId) {
    super.setMarChannelId(marChannelId);
  }

  @Override
  public void setFromFiles(java.util.List<FileEntry> fromFiles) {
    super.setFromFiles(fromFiles);
  }

  @Override
  public void setToFiles(java.util.List<FileEntry> toFiles) {
    super.setToFiles(toFiles);
  }
}
