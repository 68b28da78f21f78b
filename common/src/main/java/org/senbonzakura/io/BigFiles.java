/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole-file reads and writes of big arrays in 1 MiB pieces. {@link Files#readAllBytes} and {@link
 * Files#write(Path, byte[], java.nio.file.OpenOption...)} hand the whole array to the channel in
 * one call, and the JDK copies a heap array through a temporary direct buffer of the request's
 * size, then keeps that buffer cached for the thread: reading or writing libxul (~180 MB) that way
 * costs ~180 MB of native memory per thread, outside the heap that {@code -Xmx} bounds. In pieces,
 * the temporary buffers are 1 MiB.
 */
public final class BigFiles {
  /** The largest piece handed to the channel at once. */
  static final int PIECE = 1 << 20;

  private BigFiles() {}

  /** The whole file, read in pieces into one array of its size. */
  public static byte[] readAllBytes(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      long size = Files.size(file);
      if (size > Integer.MAX_VALUE - 8) {
        throw new IOException(file + " is " + size + " bytes, more than an array holds");
      }
      byte[] b = new byte[(int) size];
      int n = 0;
      while (n < b.length) {
        int r = in.read(b, n, Math.min(PIECE, b.length - n));
        if (r < 0) {
          throw new IOException(file + " shrank while being read: " + n + " of " + size + " bytes");
        }
        n += r;
      }
      if (in.read() >= 0) {
        throw new IOException(file + " grew while being read, past " + size + " bytes");
      }
      return b;
    }
  }

  /** Writes {@code content} to {@code file} (created or truncated) in pieces. */
  public static void write(Path file, byte[] content) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(out, content);
    }
  }

  /** Writes {@code content} to {@code out} in pieces (not closed). */
  public static void write(OutputStream out, byte[] content) throws IOException {
    for (int off = 0; off < content.length; off += PIECE) {
      out.write(content, off, Math.min(PIECE, content.length - off));
    }
  }
}
