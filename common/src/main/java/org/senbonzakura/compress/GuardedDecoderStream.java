/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.compress;

import java.io.IOException;
import java.io.InputStream;
import org.senbonzakura.errors.ErrorLine;

/**
 * Wraps a third-party decoder so that its complaints about the data (checked or not) surface as
 * {@link EntryDecodeException}, while genuine I/O failures of the underlying source pass through
 * unchanged.
 */
final class GuardedDecoderStream extends InputStream {
  /** Remembers whether the source itself failed, to tell I/O errors from corrupt data. */
  static final class Source extends InputStream {
    private final InputStream in;
    private boolean failed;

    Source(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Opens a decoder over a source; may itself fail on a bad header. */
  interface Opener {
    InputStream open(InputStream source) throws IOException;
  }

  private final Source source;
  private final InputStream decoder;
  private final String format;

  private GuardedDecoderStream(Source source, InputStream decoder, String format) {
    this.source = source;
    this.decoder = decoder;
    this.format = format;
  }

  static InputStream open(InputStream in, String format, Opener opener) throws IOException {
    Source source = new Source(in);
    try {
      return new GuardedDecoderStream(source, opener.open(source), format);
    } catch (IOException | RuntimeException e) {
      throw translate(source, format, e);
    }
  }

  @Override
  public int read() throws IOException {
    try {
      return decoder.read();
    } catch (IOException | RuntimeException e) {
      throw translate(source, format, e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return decoder.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      throw translate(source, format, e);
    }
  }

  @Override
  public void close() throws IOException {
    decoder.close();
  }

  private static IOException translate(Source source, String format, Exception e) {
    if (e instanceof EntryDecodeException ede) {
      return ede;
    }
    if (e instanceof IOException io && source.failed) {
      return io;
    }
    return new EntryDecodeException("corrupt " + format + " entry: " + ErrorLine.of(e), e);
  }
}
