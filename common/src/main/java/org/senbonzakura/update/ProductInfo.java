/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

/**
 * A MAR's product information block: the MAR channel ID the updater checks against {@code
 * ACCEPTED_MAR_CHANNEL_IDS}, and the product version it must not downgrade from.
 */
public record ProductInfo(String channel, String version) {}
