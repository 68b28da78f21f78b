/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

/**
 * One validated request (a row {@code RequestReader} read, {@code RequestSchema.validated()}): the
 * partial to build, between two complete MARs. A malformed one carries its {@code error} and fails
 * alone. Later stages add to it ({@link AttachedRequest}, {@link ReadyRequest}, {@link
 * AssemblyJob}); each kind fills the results-row columns it knows ({@link #describe}).
 */
public class Request implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private String requestId;
  private String product;
  private String platform;
  private String locale;
  private String fromVersion;
  private String toVersion;
  private String fromUrl;
  private String toUrl;
  private String fromSha512;
  private String toSha512;
  private String channel;
  private String format;
  private java.util.List<String> forcedFiles;
  private String error;

  /** the request's key (a digest of its fields) */
  public String getRequestId() {
    return requestId;
  }

  public void setRequestId(String requestId) {
    this.requestId = requestId;
  }

  /** the product, e.g. firefox */
  public String getProduct() {
    return product;
  }

  public void setProduct(String product) {
    this.product = product;
  }

  /** the update platform, e.g. linux-x86_64 */
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

  /** where the FROM complete MAR is */
  public String getFromUrl() {
    return fromUrl;
  }

  public void setFromUrl(String fromUrl) {
    this.fromUrl = fromUrl;
  }

  /** where the TO complete MAR is */
  public String getToUrl() {
    return toUrl;
  }

  public void setToUrl(String toUrl) {
    this.toUrl = toUrl;
  }

  /** the FROM complete MAR's SHA-512 */
  public String getFromSha512() {
    return fromSha512;
  }

  public void setFromSha512(String fromSha512) {
    this.fromSha512 = fromSha512;
  }

  /** the TO complete MAR's SHA-512 */
  public String getToSha512() {
    return toSha512;
  }

  public void setToSha512(String toSha512) {
    this.toSha512 = toSha512;
  }

  /** the update channel, if given */
  public String getChannel() {
    return channel;
  }

  public void setChannel(String channel) {
    this.channel = channel;
  }

  /** the manifest format (current or legacy) */
  public String getFormat() {
    return format;
  }

  public void setFormat(String format) {
    this.format = format;
  }

  /** files always shipped whole */
  public java.util.List<String> getForcedFiles() {
    return forcedFiles;
  }

  public void setForcedFiles(java.util.List<String> forcedFiles) {
    this.forcedFiles = forcedFiles;
  }

  /** why the request is malformed, or null */
  public String getError() {
    return error;
  }

  public void setError(String error) {
    this.error = error;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    Request that = (Request) o;
    return java.util.Objects.equals(requestId, that.requestId)
        && java.util.Objects.equals(product, that.product)
        && java.util.Objects.equals(platform, that.platform)
        && java.util.Objects.equals(locale, that.locale)
        && java.util.Objects.equals(fromVersion, that.fromVersion)
        && java.util.Objects.equals(toVersion, that.toVersion)
        && java.util.Objects.equals(fromUrl, that.fromUrl)
        && java.util.Objects.equals(toUrl, that.toUrl)
        && java.util.Objects.equals(fromSha512, that.fromSha512)
        && java.util.Objects.equals(toSha512, that.toSha512)
        && java.util.Objects.equals(channel, that.channel)
        && java.util.Objects.equals(format, that.format)
        && java.util.Objects.equals(forcedFiles, that.forcedFiles)
        && java.util.Objects.equals(error, that.error);
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
        fromUrl,
        toUrl,
        fromSha512,
        toSha512,
        channel,
        format,
        forcedFiles,
        error);
  }

  @Override
  public String toString() {
    return "Request{"
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
        + "fromUrl="
        + fromUrl
        + ", "
        + "toUrl="
        + toUrl
        + ", "
        + "fromSha512="
        + fromSha512
        + ", "
        + "toSha512="
        + toSha512
        + ", "
        + "channel="
        + channel
        + ", "
        + "format="
        + format
        + ", "
        + "forcedFiles="
        + forcedFiles
        + ", "
        + "error="
        + error
        + "}";
  }

  /** Fills the results-row columns this record knows: the request's keys. */
  void describe(Result r) {
    r.setRequestId(requestId);
    r.setProduct(product);
    r.setPlatform(platform);
    r.setLocale(locale);
    r.setFromVersion(fromVersion);
    r.setToVersion(toVersion);
    r.setChannel(channel);
    r.setFormat(format);
    r.setFromSha512(fromSha512);
    r.setToSha512(toSha512);
  }
}
