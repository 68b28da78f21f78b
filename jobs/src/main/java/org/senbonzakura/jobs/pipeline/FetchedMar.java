/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

/**
 * The fetch stage's record of one distinct complete MAR: where it is in L1, or why it could not be
 * fetched (then only the requests that need it fail).
 */
public class FetchedMar implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private String marSha512;
  private String location;
  private Long size;
  private boolean l1Hit;
  private String fetchError;

  /** the MAR's SHA-512, its key everywhere */
  public String getMarSha512() {
    return marSha512;
  }

  public void setMarSha512(String marSha512) {
    this.marSha512 = marSha512;
  }

  /** where the MAR is in L1 (null if it failed) */
  public String getLocation() {
    return location;
  }

  public void setLocation(String location) {
    this.location = location;
  }

  /** its size in bytes (null if it failed) */
  public Long getSize() {
    return size;
  }

  public void setSize(Long size) {
    this.size = size;
  }

  /** whether it was in L1 before this run */
  public boolean getL1Hit() {
    return l1Hit;
  }

  public void setL1Hit(boolean l1Hit) {
    this.l1Hit = l1Hit;
  }

  /** why it could not be fetched, or null */
  public String getFetchError() {
    return fetchError;
  }

  public void setFetchError(String fetchError) {
    this.fetchError = fetchError;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    FetchedMar that = (FetchedMar) o;
    return java.util.Objects.equals(marSha512, that.marSha512)
        && java.util.Objects.equals(location, that.location)
        && java.util.Objects.equals(size, that.size)
        && java.util.Objects.equals(l1Hit, that.l1Hit)
        && java.util.Objects.equals(fetchError, that.fetchError);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(marSha512, location, size, l1Hit, fetchError);
  }

  @Override
  public String toString() {
    return "FetchedMar{"
        + "marSha512="
        + marSha512
        + ", "
        + "location="
        + location
        + ", "
        + "size="
        + size
        + ", "
        + "l1Hit="
        + l1Hit
        + ", "
        + "fetchError="
        + fetchError
        + "}";
  }

  static FetchedMar of(String sha, String location, Long size, boolean l1Hit, String error) {
    FetchedMar m = new FetchedMar();
    m.marSha512 = sha;
    m.location = location;
    m.size = size;
    m.l1Hit = l1Hit;
    m.fetchError = error;
    return m;
  }
}
