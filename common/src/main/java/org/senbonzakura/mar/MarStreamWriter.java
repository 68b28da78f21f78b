/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes a MAR front to back to a plain {@link OutputStream} (a socket, an object store upload),
 * which is possible because the caller announces every entry's name, mode and stored length before
 * any data: the header can then be written first, entry data streams through, and the index
 * follows. Output is identical to {@link MarWriter}'s for the same entries.
 */
public final class MarStreamWriter implements Closeable {
  private static final int BUFFER = 256 * 1024;

  private final OutputStream out;
  private final List<MarEntry> planned;
  private final byte[] index;
  private int next;

  private MarStreamWriter(OutputStream out, List<MarEntry> planned, byte[] index) {
    this.out = out;
    this.planned = planned;
    this.index = index;
  }

  /** Checks the plan and writes the header; entry data must then follow in plan order. */
  public static MarStreamWriter start(
      OutputStream out, MarWriteOptions options, List<MarEntrySpec> plan) throws IOException {
    MarLayoutBuilder layout = new MarLayoutBuilder(options);
    List<MarEntry> entries = new java.util.ArrayList<>(plan.size());
    for (MarEntrySpec s : plan) {
      entries.add(layout.add(s.name(), s.mode(), s.length()));
    }
    long offsetToIndex = layout.nextOffset();
    long total = layout.indexEnd();
    layout.checkSize(total);
    out.write(MarLayoutBuilder.header(options, offsetToIndex, total));
    return new MarStreamWriter(out, List.copyOf(entries), layout.indexBytes());
  }

  /** The entries with the offsets they get, in order. */
  public List<MarEntry> entries() {
    return planned;
  }

  /** Writes the next planned entry's stored bytes; {@code data} must yield exactly its length. */
  public MarEntry writeEntry(InputStream data) throws IOException {
    if (next >= planned.size()) {
      throw new IllegalStateException("all " + planned.size() + " planned entries are written");
    }
    MarEntry e = planned.get(next);
    byte[] buf = new byte[BUFFER];
    long copied = 0;
    while (true) {
      int want = (int) Math.min(buf.length, e.length() - copied + 1);
      int n = data.read(buf, 0, want);
      if (n < 0) {
        break;
      }
      copied += n;
      if (copied > e.length()) {
        throw new MarException(
            "entry " + e.name() + " has more than the planned " + e.length() + " bytes");
      }
      out.write(buf, 0, n);
    }
    if (copied != e.length()) {
      throw new MarException(
          "entry " + e.name() + " has " + copied + " bytes, not the planned " + e.length());
    }
    next++;
    return e;
  }

  /** Writes the index after the last entry; fails if entries are missing. */
  public void finish() throws IOException {
    if (next != planned.size()) {
      throw new IllegalStateException(
          (planned.size() - next) + " planned entries have not been written");
    }
    out.write(index);
    out.flush();
  }

  /** Closes the underlying stream. */
  @Override
  public void close() throws IOException {
    out.close();
  }
}
