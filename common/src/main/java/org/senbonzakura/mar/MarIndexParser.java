/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.senbonzakura.mar.MarFormatException.Reason;

/** Parses the index bytes (after the 4-byte size) into entries, enforcing the name rules. */
final class MarIndexParser {
  /** Fixed part of an index entry: offset, length, flags. */
  static final int ENTRY_FIXED = 12;

  private MarIndexParser() {}

  static List<MarEntry> parse(byte[] index) throws MarFormatException {
    List<MarEntry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    ByteBuffer b = ByteBuffer.wrap(index);
    int pos = 0;
    while (pos < index.length) {
      if (index.length - pos < ENTRY_FIXED + 1) {
        throw new MarFormatException(
            Reason.INDEX_LEFTOVER_BYTES,
            (index.length - pos)
                + " leftover bytes at the end of the index (entry "
                + entries.size()
                + ")");
      }
      long offset = Integer.toUnsignedLong(b.getInt(pos));
      long length = Integer.toUnsignedLong(b.getInt(pos + 4));
      int mode = b.getInt(pos + 8);
      int nameStart = pos + ENTRY_FIXED;
      int nul = nameStart;
      while (nul < index.length && index[nul] != 0) {
        nul++;
      }
      if (nul == index.length) {
        throw new MarFormatException(
            Reason.NAME_NOT_TERMINATED,
            "name of index entry " + entries.size() + " is not NUL-terminated");
      }
      String name = MarNames.decode(index, nameStart, nul - nameStart);
      if (!seen.add(name)) {
        throw new MarFormatException(
            Reason.NAME_REPEATED, "entry name " + MarNames.quote(name) + " repeats");
      }
      entries.add(new MarEntry(name, offset, length, mode));
      pos = nul + 1;
    }
    return entries;
  }
}
