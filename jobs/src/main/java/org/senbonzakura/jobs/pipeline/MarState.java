/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

/**
 * The explode stage's answer for one MAR of the run, exploded now or by an earlier run: usable
 * ({@code marError} null) with its version, channel and build ID, or the reason it is not.
 */
public class MarState implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private String marSha512;
  private boolean l1Hit;
  private String marError;
  private String productVersion;
  private String marChannel;
  private String buildId;

  /** the MAR's SHA-512 */
  public String getMarSha512() {
    return marSha512;
  }

  public void setMarSha512(String marSha512) {
    this.marSha512 = marSha512;
  }

  /** whether it was in L1 before this run */
  public boolean getL1Hit() {
    return l1Hit;
  }

  public void setL1Hit(boolean l1Hit) {
    this.l1Hit = l1Hit;
  }

  /** why the MAR cannot be used, or null */
  public String getMarError() {
    return marError;
  }

  public void setMarError(String marError) {
    this.marError = marError;
  }

  /** its product version */
  public String getProductVersion() {
    return productVersion;
  }

  public void setProductVersion(String productVersion) {
    this.productVersion = productVersion;
  }

  /** its channel ID */
  public String getMarChannel() {
    return marChannel;
  }

  public void setMarChannel(String marChannel) {
    this.marChannel = marChannel;
  }

  /** its build ID */
  public String getBuildId() {
    return buildId;
  }

  public void setBuildId(String buildId) {
    this.buildId = buildId;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    MarState that = (MarState) o;
    return java.util.Objects.equals(marSha512, that.marSha512)
        && java.util.Objects.equals(l1Hit, that.l1Hit)
        && java.util.Objects.equals(marError, that.marError)
        && java.util.Objects.equals(productVersion, that.productVersion)
        && java.util.Objects.equals(marChannel, that.marChannel)
        && java.util.Objects.equals(buildId, that.buildId);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(marSha512, l1Hit, marError, productVersion, marChannel, buildId);
  }

  @Override
  public String toString() {
    return "MarState{"
        + "marSha512="
        + marSha512
        + ", "
        + "l1Hit="
        + l1Hit
        + ", "
        + "marError="
        + marError
        + ", "
        + "productVersion="
        + productVersion
        + ", "
        + "marChannel="
        + marChannel
        + ", "
        + "buildId="
        + buildId
        + "}";
  }

  static MarState of(
      String sha, boolean l1Hit, String error, String version, String channel, String buildId) {
    MarState m = new MarState();
    m.marSha512 = sha;
    m.l1Hit = l1Hit;
    m.marError = error;
    m.productVersion = version;
    m.marChannel = channel;
    m.buildId = buildId;
    return m;
  }
}
