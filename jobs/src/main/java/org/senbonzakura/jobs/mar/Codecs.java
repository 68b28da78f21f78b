/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.mar;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.senbonzakura.compress.EntryCodecs;
import org.senbonzakura.update.EntryCompression;

/** Entry compression as Mozilla's scripts do it, through the shared codecs of {@code common}. */
public final class Codecs {
  private Codecs() {}

  /** Compresses {@code in} onto {@code out} with {@code compression} (xz, maybe BCJ, or bzip2). */
  public static void compress(InputStream in, OutputStream out, EntryCompression compression)
      throws IOException {
    if (compression.xz()) {
      EntryCodecs.compressXz(in, out, compression.bcj());
    } else {
      EntryCodecs.compressBzip2(in, out);
    }
  }

  public static byte[] compress(byte[] data, EntryCompression compression) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 3));
    compress(new ByteArrayInputStream(data), out, compression);
    return out.toByteArray();
  }

  /** Decodes an xz or bzip2 stream, refusing more than {@code limit} bytes of output. */
  public static InputStream decode(InputStream in, long limit) throws IOException {
    return EntryCodecs.decode(in, limit);
  }
}
