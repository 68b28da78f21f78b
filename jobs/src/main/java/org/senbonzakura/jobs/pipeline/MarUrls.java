/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

/**
 * What the fetch stage asks for one distinct complete MAR: its SHA-512 and every URL the run's
 * requests give for it (every mirror).
 */
public class MarUrls implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private String marSha512;
  private java.util.List<String> urls;

  /** the MAR's SHA-512 */
  public String getMarSha512() {
    return marSha512;
  }

  public void setMarSha512(String marSha512) {
    this.marSha512 = marSha512;
  }

  /** every URL the requests name for it, sorted */
  public java.util.List<String> getUrls() {
    return urls;
  }

  public void setUrls(java.util.List<String> urls) {
    this.urls = urls;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    MarUrls that = (MarUrls) o;
    return java.util.Objects.equals(marSha512, that.marSha512)
        && java.util.Objects.equals(urls, that.urls);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(marSha512, urls);
  }

  @Override
  public String toString() {
    return "MarUrls{" + "marSha512=" + marSha512 + ", " + "urls=" + urls + "}";
  }
}
