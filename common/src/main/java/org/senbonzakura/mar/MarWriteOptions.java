/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.nio.charset.StandardCharsets;

/**
 * How to lay out a new MAR. The default, {@link #of(ProductInfo)}, matches Mozilla's {@code mar
 * -c}: current layout, no signatures, one product information block padded to its maximum of 104
 * bytes, so the first entry starts at byte 128.
 *
 * @param layout current or legacy (legacy has no signatures or product information)
 * @param productInfo the product information block; {@code null} writes no additional section
 * @param maxFileSize refuse to grow the MAR past this many bytes (the updater's 500 MiB limit)
 */
public record MarWriteOptions(MarLayout layout, ProductInfo productInfo, long maxFileSize) {
  /** Size of the product information block as {@code mar -c} writes it: 8 + 63 + 31 + 2. */
  public static final int PIB_BLOCK_SIZE = 104;

  public MarWriteOptions {
    if (layout == null) {
      throw new IllegalArgumentException("layout is null");
    }
    if (layout == MarLayout.LEGACY && productInfo != null) {
      throw new IllegalArgumentException("legacy MARs have no product information block");
    }
    if (productInfo != null) {
      if (utf8Length(productInfo.channel()) > ProductInfo.MAX_CHANNEL_BYTES
          || productInfo.channel().indexOf(0) >= 0) {
        throw new IllegalArgumentException(
            "MAR channel ID must be at most " + ProductInfo.MAX_CHANNEL_BYTES + " bytes, no NUL");
      }
      if (utf8Length(productInfo.version()) > ProductInfo.MAX_VERSION_BYTES
          || productInfo.version().indexOf(0) >= 0) {
        throw new IllegalArgumentException(
            "product version must be at most " + ProductInfo.MAX_VERSION_BYTES + " bytes, no NUL");
      }
    }
  }

  /** The {@code mar -c} layout with this product information. */
  public static MarWriteOptions of(ProductInfo productInfo) {
    return new MarWriteOptions(
        MarLayout.CURRENT, productInfo, MarReadOptions.DEFAULT_MAX_FILE_SIZE);
  }

  /** The {@code mar -c} layout with this channel and version. */
  public static MarWriteOptions of(String channel, String version) {
    return of(new ProductInfo(channel, version));
  }

  /** The old layout without signature block: data from byte 8. */
  public static MarWriteOptions legacy() {
    return new MarWriteOptions(MarLayout.LEGACY, null, MarReadOptions.DEFAULT_MAX_FILE_SIZE);
  }

  /** These options with another size limit. */
  public MarWriteOptions withMaxFileSize(long limit) {
    return new MarWriteOptions(layout, productInfo, limit);
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
