/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.senbonzakura.mar.ProductInfo;

/** Reads and writes MAR files for the assembly code (implemented over the {@code mar} package). */
public interface MarIo {
  /** A MAR's product information and entries, in index order. */
  record Contents(ProductInfo productInfo, List<MarItem> items) {}

  Contents read(Path mar) throws IOException;

  /** Writes an unsigned MAR with these entries in this order. */
  void write(Path out, ProductInfo productInfo, List<MarItem> items) throws IOException;
}
