/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

/**
 * A row of the results table: one request's latest outcome. Made by {@link #of} from the request
 * record (which fills the columns it knows, {@link Request#describe}) and the outcome.
 */
public class Result implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private String requestId;
  private String product;
  private String platform;
  private String locale;
  private String fromVersion;
  private String toVersion;
  private String channel;
  private String format;
  private String fromSha512;
  private String toSha512;
  private String status;
  private String error;
  private String partialPath;
  private Long partialSize;
  private String partialSha512;
  private String fromBuildId;
  private String toBuildId;
  private Integer patchedFiles;
  private Integer addedFiles;
  private Integer removedFiles;
  private Integer l1Hits;
  private Integer l1Misses;
  private Integer l2Hits;
  private Integer l2Misses;
  private Long fetchMs;
  private Long explodeMs;
  private Long diffMs;
  private Long assembleMs;
  private String runId;
  private String generatorVersion;
  private java.sql.Timestamp updatedAt;
  private Boolean signed;

  /** the request's key */
  public String getRequestId() {
    return requestId;
  }

  public void setRequestId(String requestId) {
    this.requestId = requestId;
  }

  /** the product */
  public String getProduct() {
    return product;
  }

  public void setProduct(String product) {
    this.product = product;
  }

  /** the platform */
  public String getPlatform() {
    return platform;
  }

  public void setPlatform(String platform) {
    this.platform = platform;
  }

  /** the locale */
  public String getLocale() {
    return locale;
  }

  public void setLocale(String locale) {
    this.locale = locale;
  }

  /** the FROM version */
  public String getFromVersion() {
    return fromVersion;
  }

  public void setFromVersion(String fromVersion) {
    this.fromVersion = fromVersion;
  }

  /** the TO version */
  public String getToVersion() {
    return toVersion;
  }

  public void setToVersion(String toVersion) {
    this.toVersion = toVersion;
  }

  /** the update channel */
  public String getChannel() {
    return channel;
  }

  public void setChannel(String channel) {
    this.channel = channel;
  }

  /** the manifest format */
  public String getFormat() {
    return format;
  }

  public void setFormat(String format) {
    this.format = format;
  }

  /** the FROM MAR's SHA-512 */
  public String getFromSha512() {
    return fromSha512;
  }

  public void setFromSha512(String fromSha512) {
    this.fromSha512 = fromSha512;
  }

  /** the TO MAR's SHA-512 */
  public String getToSha512() {
    return toSha512;
  }

  public void setToSha512(String toSha512) {
    this.toSha512 = toSha512;
  }

  /** done, reused or failed */
  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  /** why it failed */
  public String getError() {
    return error;
  }

  public void setError(String error) {
    this.error = error;
  }

  /** where the partial is */
  public String getPartialPath() {
    return partialPath;
  }

  public void setPartialPath(String partialPath) {
    this.partialPath = partialPath;
  }

  /** the partial's size */
  public Long getPartialSize() {
    return partialSize;
  }

  public void setPartialSize(Long partialSize) {
    this.partialSize = partialSize;
  }

  /** the partial's SHA-512 */
  public String getPartialSha512() {
    return partialSha512;
  }

  public void setPartialSha512(String partialSha512) {
    this.partialSha512 = partialSha512;
  }

  /** the FROM build ID */
  public String getFromBuildId() {
    return fromBuildId;
  }

  public void setFromBuildId(String fromBuildId) {
    this.fromBuildId = fromBuildId;
  }

  /** the TO build ID */
  public String getToBuildId() {
    return toBuildId;
  }

  public void setToBuildId(String toBuildId) {
    this.toBuildId = toBuildId;
  }

  /** files shipped as patches */
  public Integer getPatchedFiles() {
    return patchedFiles;
  }

  public void setPatchedFiles(Integer patchedFiles) {
    this.patchedFiles = patchedFiles;
  }

  /** files shipped whole */
  public Integer getAddedFiles() {
    return addedFiles;
  }

  public void setAddedFiles(Integer addedFiles) {
    this.addedFiles = addedFiles;
  }

  /** files removed */
  public Integer getRemovedFiles() {
    return removedFiles;
  }

  public void setRemovedFiles(Integer removedFiles) {
    this.removedFiles = removedFiles;
  }

  /** MARs found in L1 */
  public Integer getL1Hits() {
    return l1Hits;
  }

  public void setL1Hits(Integer l1Hits) {
    this.l1Hits = l1Hits;
  }

  /** MARs fetched */
  public Integer getL1Misses() {
    return l1Misses;
  }

  public void setL1Misses(Integer l1Misses) {
    this.l1Misses = l1Misses;
  }

  /** pairs from an earlier run's patch cache */
  public Integer getL2Hits() {
    return l2Hits;
  }

  public void setL2Hits(Integer l2Hits) {
    this.l2Hits = l2Hits;
  }

  /** pairs diffed by this run */
  public Integer getL2Misses() {
    return l2Misses;
  }

  public void setL2Misses(Integer l2Misses) {
    this.l2Misses = l2Misses;
  }

  /** the run's fetch time */
  public Long getFetchMs() {
    return fetchMs;
  }

  public void setFetchMs(Long fetchMs) {
    this.fetchMs = fetchMs;
  }

  /** the run's explode time */
  public Long getExplodeMs() {
    return explodeMs;
  }

  public void setExplodeMs(Long explodeMs) {
    this.explodeMs = explodeMs;
  }

  /** the run's diff time */
  public Long getDiffMs() {
    return diffMs;
  }

  public void setDiffMs(Long diffMs) {
    this.diffMs = diffMs;
  }

  /** this request's assembly time */
  public Long getAssembleMs() {
    return assembleMs;
  }

  public void setAssembleMs(Long assembleMs) {
    this.assembleMs = assembleMs;
  }

  /** the run that wrote the row */
  public String getRunId() {
    return runId;
  }

  public void setRunId(String runId) {
    this.runId = runId;
  }

  /** the generator that made the partial */
  public String getGeneratorVersion() {
    return generatorVersion;
  }

  public void setGeneratorVersion(String generatorVersion) {
    this.generatorVersion = generatorVersion;
  }

  /** when the row was written */
  public java.sql.Timestamp getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(java.sql.Timestamp updatedAt) {
    this.updatedAt = updatedAt;
  }

  /** whether the partial is signed */
  public Boolean getSigned() {
    return signed;
  }

  public void setSigned(Boolean signed) {
    this.signed = signed;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    Result that = (Result) o;
    return java.util.Objects.equals(requestId, that.requestId)
        && java.util.Objects.equals(product, that.product)
        && java.util.Objects.equals(platform, that.platform)
        && java.util.Objects.equals(locale, that.locale)
        && java.util.Objects.equals(fromVersion, that.fromVersion)
        && java.util.Objects.equals(toVersion, that.toVersion)
        && java.util.Objects.equals(channel, that.channel)
        && java.util.Objects.equals(format, that.format)
        && java.util.Objects.equals(fromSha512, that.fromSha512)
        && java.util.Objects.equals(toSha512, that.toSha512)
        && java.util.Objects.equals(status, that.status)
        && java.util.Objects.equals(error, that.error)
        && java.util.Objects.equals(partialPath, that.partialPath)
        && java.util.Objects.equals(partialSize, that.partialSize)
        && java.util.Objects.equals(partialSha512, that.partialSha512)
        && java.util.Objects.equals(fromBuildId, that.fromBuildId)
        && java.util.Objects.equals(toBuildId, that.toBuildId)
        && java.util.Objects.equals(patchedFiles, that.patchedFiles)
        && java.util.Objects.equals(addedFiles, that.addedFiles)
        && java.util.Objects.equals(removedFiles, that.removedFiles)
        && java.util.Objects.equals(l1Hits, that.l1Hits)
        && java.util.Objects.equals(l1Misses, that.l1Misses)
        && java.util.Objects.equals(l2Hits, that.l2Hits)
        && java.util.Objects.equals(l2Misses, that.l2Misses)
        && java.util.Objects.equals(fetchMs, that.fetchMs)
        && java.util.Objects.equals(explodeMs, that.explodeMs)
        && java.util.Objects.equals(diffMs, that.diffMs)
        && java.util.Objects.equals(assembleMs, that.assembleMs)
        && java.util.Objects.equals(runId, that.runId)
        && java.util.Objects.equals(generatorVersion, that.generatorVersion)
        && java.util.Objects.equals(updatedAt, that.updatedAt)
        && java.util.Objects.equals(signed, that.signed);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        requestId,
        product,
        platform,
        locale,
        fromVersion,
        toVersion,
        channel,
        format,
        fromSha512,
        toSha512,
        status,
        error,
        partialPath,
        partialSize,
        partialSha512,
        fromBuildId,
        toBuildId,
        patchedFiles,
        addedFiles,
        removedFiles,
        l1Hits,
        l1Misses,
        l2Hits,
        l2Misses,
        fetchMs,
        explodeMs,
        diffMs,
        assembleMs,
        runId,
        generatorVersion,
        updatedAt,
        signed);
  }

  @Override
  public String toString() {
    return "Result{"
        + "requestId="
        + requestId
        + ", "
        + "product="
        + product
        + ", "
        + "platform="
        + platform
        + ", "
        + "locale="
        + locale
        + ", "
        + "fromVersion="
        + fromVersion
        + ", "
        + "toVersion="
        + toVersion
        + ", "
        + "channel="
        + channel
        + ", "
        + "format="
        + format
        + ", "
        + "fromSha512="
        + fromSha512
        + ", "
        + "toSha512="
        + toSha512
        + ", "
        + "status="
        + status
        + ", "
        + "error="
        + error
        + ", "
        + "partialPath="
        + partialPath
        + ", "
        + "partialSize="
        + partialSize
        + ", "
        + "partialSha512="
        + partialSha512
        + ", "
        + "fromBuildId="
        + fromBuildId
        + ", "
        + "toBuildId="
        + toBuildId
        + ", "
        + "patchedFiles="
        + patchedFiles
        + ", "
        + "addedFiles="
        + addedFiles
        + ", "
        + "removedFiles="
        + removedFiles
        + ", "
        + "l1Hits="
        + l1Hits
        + ", "
        + "l1Misses="
        + l1Misses
        + ", "
        + "l2Hits="
        + l2Hits
        + ", "
        + "l2Misses="
        + l2Misses
        + ", "
        + "fetchMs="
        + fetchMs
        + ", "
        + "explodeMs="
        + explodeMs
        + ", "
        + "diffMs="
        + diffMs
        + ", "
        + "assembleMs="
        + assembleMs
        + ", "
        + "runId="
        + runId
        + ", "
        + "generatorVersion="
        + generatorVersion
        + ", "
        + "updatedAt="
        + updatedAt
        + ", "
        + "signed="
        + signed
        + "}";
  }

  /** The outcome of one request. */
  record Outcome(
      String status,
      String error,
      String partialPath,
      Long partialSize,
      String partialSha512,
      Integer patched,
      Integer added,
      Integer removed,
      Long assembleMs,
      Boolean signed) {
    static Outcome failed(String error) {
      return new Outcome("failed", error, null, null, null, null, null, null, null, null);
    }
  }

  /**
   * How many of some results are done, reused and failed (a status of no other kind counts none).
   */
  record Counts(long done, long reused, long failed) {
    static Counts of(Iterable<Result> results) {
      long done = 0;
      long reused = 0;
      long failed = 0;
      for (Result r : results) {
        switch (String.valueOf(r.getStatus())) {
          case "done" -> done++;
          case "reused" -> reused++;
          case "failed" -> failed++;
          default -> {}
        }
      }
      return new Counts(done, reused, failed);
    }
  }

  /** The results row of {@code request} with outcome {@code o}, written by run {@code runId}. */
  static Result of(Request request, Outcome o, String runId, String generator) {
    Result r = new Result();
    request.describe(r);
    r.status = o.status();
    r.error = o.error();
    r.partialPath = o.partialPath();
    r.partialSize = o.partialSize();
    r.partialSha512 = o.partialSha512();
    r.patchedFiles = o.patched();
    r.addedFiles = o.added();
    r.removedFiles = o.removed();
    r.assembleMs = o.assembleMs();
    r.signed = o.signed();
    r.runId = runId;
    r.generatorVersion = generator;
    r.updatedAt = new java.sql.Timestamp(System.currentTimeMillis());
    return r;
  }
}
