/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * One manifest of an update MAR, uncompressed.
 *
 * @param name {@code updatev3.manifest} or {@code updatev2.manifest}
 * @param text the manifest: LF-terminated lines
 */
public record Manifest(String name, String text) implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String V3 = "updatev3.manifest";
  public static final String V2 = "updatev2.manifest";

  /** The manifest as it goes into the MAR (UTF-8, before compression). */
  public byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
