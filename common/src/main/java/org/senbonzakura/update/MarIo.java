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

  /**
   * A MAR's product information and entries, in index order, the entries left in the file: a
   * complete MAR's entries are ~75 MB, which the heap of a big diff cannot spare (issue #16).
   */
  record Index(ProductInfo productInfo, List<StoredEntry> entries) {
    /** The index of MAR contents already in memory. */
    public static Index of(Contents c) {
      return new Index(c.productInfo(), List.copyOf(c.items()));
    }
  }

  /** Reads a MAR with all its entries' stored bytes (for small MARs: partials, tests). */
  Contents read(Path mar) throws IOException;

  /**
   * Reads a MAR's index only; each entry's stored bytes are read from the file each time they are
   * asked for, and reading fails if the file has changed size since.
   */
  Index index(Path mar) throws IOException;

  /** Writes an unsigned MAR with these entries in this order. */
  void write(Path out, ProductInfo productInfo, List<MarItem> items) throws IOException;
}
