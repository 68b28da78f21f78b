/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

/**
 * A request joined with the state of its two MARs (the attach stage): their errors (either fails
 * the request alone), build IDs, the TO MAR's version and channel, the L1 hits, and the fetch and
 * explode times its results row records.
 */
public class AttachedRequest extends Request implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private String fromError;
  private String toError;
  private String fromBuildId;
  private String toBuildId;
  private String toMarVersion;
  private String toMarChannel;
  private int l1Hits;
  private int l1Misses;
  private long fetchMs;
  private long explodeMs;

  /** why the FROM MAR cannot be used, or null */
  public String getFromError() {
    return fromError;
  }

  public void setFromError(String fromError) {
    this.fromError = fromError;
  }

  /** why the TO MAR cannot be used, or null */
  public String getToError() {
    return toError;
  }

  public void setToError(String toError) {
    this.toError = toError;
  }

  /** the FROM MAR's build ID */
  public String getFromBuildId() {
    return fromBuildId;
  }

  public void setFromBuildId(String fromBuildId) {
    this.fromBuildId = fromBuildId;
  }

  /** the TO MAR's build ID */
  public String getToBuildId() {
    return toBuildId;
  }

  public void setToBuildId(String toBuildId) {
    this.toBuildId = toBuildId;
  }

  /** the TO MAR's product version */
  public String getToMarVersion() {
    return toMarVersion;
  }

  public void setToMarVersion(String toMarVersion) {
    this.toMarVersion = toMarVersion;
  }

  /** the TO MAR's channel ID */
  public String getToMarChannel() {
    return toMarChannel;
  }

  public void setToMarChannel(String toMarChannel) {
    this.toMarChannel = toMarChannel;
  }

  /** how many of its two MARs were in L1 before this run */
  public int getL1Hits() {
    return l1Hits;
  }

  public void setL1Hits(int l1Hits) {
    this.l1Hits = l1Hits;
  }

  /** how many were not */
  public int getL1Misses() {
    return l1Misses;
  }

  public void setL1Misses(int l1Misses) {
    this.l1Misses = l1Misses;
  }

  /** the run's fetch time */
  public long getFetchMs() {
    return fetchMs;
  }

  public void setFetchMs(long fetchMs) {
    this.fetchMs = fetchMs;
  }

  /** the run's explode time */
  public long getExplodeMs() {
    return explodeMs;
  }

  public void setExplodeMs(long explodeMs) {
    this.explodeMs = explodeMs;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass() || !super.equals(o)) {
      return false;
    }
    AttachedRequest that = (AttachedRequest) o;
    return java.util.Objects.equals(fromError, that.fromError)
        && java.util.Objects.equals(toError, that.toError)
        && java.util.Objects.equals(fromBuildId, that.fromBuildId)
        && java.util.Objects.equals(toBuildId, that.toBuildId)
        && java.util.Objects.equals(toMarVersion, that.toMarVersion)
        && java.util.Objects.equals(toMarChannel, that.toMarChannel)
        && java.util.Objects.equals(l1Hits, that.l1Hits)
        && java.util.Objects.equals(l1Misses, that.l1Misses)
        && java.util.Objects.equals(fetchMs, that.fetchMs)
        && java.util.Objects.equals(explodeMs, that.explodeMs);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        super.hashCode(),
        fromError,
        toError,
        fromBuildId,
        toBuildId,
        toMarVersion,
        toMarChannel,
        l1Hits,
        l1Misses,
        fetchMs,
        explodeMs);
  }

  @Override
  public String toString() {
    return super.toString()
        + " "
        + "AttachedRequest{"
        + "fromError="
        + fromError
        + ", "
        + "toError="
        + toError
        + ", "
        + "fromBuildId="
        + fromBuildId
        + ", "
        + "toBuildId="
        + toBuildId
        + ", "
        + "toMarVersion="
        + toMarVersion
        + ", "
        + "toMarChannel="
        + toMarChannel
        + ", "
        + "l1Hits="
        + l1Hits
        + ", "
        + "l1Misses="
        + l1Misses
        + ", "
        + "fetchMs="
        + fetchMs
        + ", "
        + "explodeMs="
        + explodeMs
        + "}";
  }

  @Override
  void describe(Result r) {
    super.describe(r);
    r.setFromBuildId(fromBuildId);
    r.setToBuildId(toBuildId);
    r.setL1Hits(l1Hits);
    r.setL1Misses(l1Misses);
    r.setFetchMs(fetchMs);
    r.setExplodeMs(explodeMs);
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
}
