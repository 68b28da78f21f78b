/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

/**
 * The product information block: which update channel and product version a MAR is for. The updater
 * refuses MARs whose channel it does not accept or whose version is older than its own.
 *
 * @param channel MAR channel ID, at most 63 bytes of UTF-8
 * @param version product version, at most 31 bytes of UTF-8
 */
public record ProductInfo(String channel, String version) {
  /** Longest channel ID the updater accepts, in bytes. */
  public static final int MAX_CHANNEL_BYTES = 63;

  /** Longest product version the updater accepts, in bytes. */
  public static final int MAX_VERSION_BYTES = 31;
}
