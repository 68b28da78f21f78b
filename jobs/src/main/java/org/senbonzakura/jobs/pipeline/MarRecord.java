/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

/**
 * The explode stage's record of one MAR: a row of the {@code mars} table (status {@code ok}, or
 * {@code failed} with the reader's reason) plus the MAR's file listing, which goes to {@code
 * mar_files}.
 */
public class MarRecord implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private String marSha512;
  private String status;
  private String error;
  private Long size;
  private String productVersion;
  private String marChannel;
  private String buildId;
  private Integer fileCount;
  private String runId;
  private java.util.List<FileEntry> files;

  /** the MAR's SHA-512 */
  public String getMarSha512() {
    return marSha512;
  }

  public void setMarSha512(String marSha512) {
    this.marSha512 = marSha512;
  }

  /** ok or failed */
  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  /** the reader's reason when failed */
  public String getError() {
    return error;
  }

  public void setError(String error) {
    this.error = error;
  }

  /** the MAR's size */
  public Long getSize() {
    return size;
  }

  public void setSize(Long size) {
    this.size = size;
  }

  /** the version the MAR's product information block names */
  public String getProductVersion() {
    return productVersion;
  }

  public void setProductVersion(String productVersion) {
    this.productVersion = productVersion;
  }

  /** the MAR's channel ID */
  public String getMarChannel() {
    return marChannel;
  }

  public void setMarChannel(String marChannel) {
    this.marChannel = marChannel;
  }

  /** the build ID from its application.ini / platform.ini */
  public String getBuildId() {
    return buildId;
  }

  public void setBuildId(String buildId) {
    this.buildId = buildId;
  }

  /** the number of files */
  public Integer getFileCount() {
    return fileCount;
  }

  public void setFileCount(Integer fileCount) {
    this.fileCount = fileCount;
  }

  /** the run that exploded it */
  public String getRunId() {
    return runId;
  }

  public void setRunId(String runId) {
    this.runId = runId;
  }

  /** the files (empty when failed); not a column of {@code mars} */
  public java.util.List<FileEntry> getFiles() {
    return files;
  }

  public void setFiles(java.util.List<FileEntry> files) {
    this.files = files;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    MarRecord that = (MarRecord) o;
    return java.util.Objects.equals(marSha512, that.marSha512)
        && java.util.Objects.equals(status, that.status)
        && java.util.Objects.equals(error, that.error)
        && java.util.Objects.equals(size, that.size)
        && java.util.Objects.equals(productVersion, that.productVersion)
        && java.util.Objects.equals(marChannel, that.marChannel)
        && java.util.Objects.equals(buildId, that.buildId)
        && java.util.Objects.equals(fileCount, that.fileCount)
        && java.util.Objects.equals(runId, that.runId)
        && java.util.Objects.equals(files, that.files);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        marSha512,
        status,
        error,
        size,
        productVersion,
        marChannel,
        buildId,
        fileCount,
        runId,
        files);
  }

  @Override
  public String toString() {
    return "MarRecord{"
        + "marSha512="
        + marSha512
        + ", "
        + "status="
        + status
        + ", "
        + "error="
        + error
        + ", "
        + "size="
        + size
        + ", "
        + "productVersion="
        + productVersion
        + ", "
        + "marChannel="
        + marChannel
        + ", "
        + "buildId="
        + buildId
        + ", "
        + "fileCount="
        + fileCount
        + ", "
        + "runId="
        + runId
        + ", "
        + "files="
        + files
        + "}";
  }
}
