/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import org.senbonzakura.compress.XzEffort;

/**
 * Compresses and decompresses MAR entries. The assembly code talks to this interface so that it
 * works the same with any compressor that makes Mozilla-compatible streams.
 */
public interface EntryCodec {
  /**
   * Compresses an entry.
   *
   * @param fullFile true for full files and manifests (which get BCJ when {@code c.bcj()}), false
   *     for patches (never BCJ)
   */
  byte[] compress(byte[] data, EntryCompression c, boolean fullFile) throws IOException;

  /**
   * Compresses an entry, an xz one searching as hard as {@code effort} (same stream settings, so
   * the updater reads either). A codec without effort levels compresses as {@link #compress(byte[],
   * EntryCompression, boolean)} does.
   */
  default byte[] compress(byte[] data, EntryCompression c, boolean fullFile, XzEffort effort)
      throws IOException {
    return compress(data, c, fullFile);
  }

  /**
   * Compresses the content of {@code file}, as {@link #compress(byte[], EntryCompression, boolean)}
   * does; a codec that can stream overrides this to keep the content off the heap.
   */
  default byte[] compress(java.nio.file.Path file, EntryCompression c, boolean fullFile)
      throws IOException {
    return compress(java.nio.file.Files.readAllBytes(file), c, fullFile);
  }

  /**
   * Decompresses an xz or bzip2 entry, refusing one that decodes past the decoded-entry limit
   * ({@link org.senbonzakura.compress.EntryCodecs#decodedLimit()}) before allocating its output.
   */
  byte[] decompress(byte[] data) throws IOException;

  /**
   * Decompresses an entry whose decoded size is already known (its listing counted it), which saves
   * {@link #decompress(byte[])}'s counting pass.
   */
  default byte[] decompress(byte[] data, long size) throws IOException {
    byte[] d = decompress(data);
    if (d.length != size) {
      throw new IOException("entry decodes to " + d.length + " bytes, not " + size);
    }
    return d;
  }

  /**
   * The entry's decoded bytes as a stream, refusing past the decoded-entry limit: for readers that
   * only hash or count the content and need not hold it.
   */
  java.io.InputStream decoder(byte[] data) throws IOException;

  /**
   * True if {@code stored} was compressed exactly as {@link #compress} would with these options.
   */
  boolean matches(byte[] stored, EntryCompression c, boolean fullFile);
}
