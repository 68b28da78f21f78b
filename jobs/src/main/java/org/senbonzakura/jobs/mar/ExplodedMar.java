/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.mar;

import java.io.Serializable;
import java.util.List;

/**
 * What exploding a complete MAR yields: its product information, the build ID found in its {@code
 * application.ini} (if any), one entry per file, whose decoded content and stored (compressed)
 * entry are both in the blob store, and what exploding it cost ({@link ExplodeStats}).
 */
public record ExplodedMar(
    String productVersion,
    String channel,
    String buildId,
    List<ExplodedFile> files,
    ExplodeStats stats)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One file of the tree. */
  public record ExplodedFile(
      String path,
      int mode,
      long size,
      String sha256,
      String entrySha256,
      long entrySize,
      String entryFormat)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }
}
