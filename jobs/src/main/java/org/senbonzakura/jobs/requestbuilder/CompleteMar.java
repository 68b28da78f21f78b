/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requestbuilder;

/** One complete MAR of a release: where it is, what it hashes to, and whom it is for. */
public record CompleteMar(
    String product, String platform, String locale, String version, String url, String sha512) {

  /** The (platform, locale) this MAR serves: what a FROM and a TO MAR are matched on. */
  public String slot() {
    return platform + "/" + locale;
  }
}
