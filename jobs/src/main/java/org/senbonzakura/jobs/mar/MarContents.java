/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.mar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.mar.MarEntry;
import org.senbonzakura.mar.MarReader;
import org.senbonzakura.update.ContentDigest;
import org.senbonzakura.update.Manifest;
import org.senbonzakura.update.UpdateContents;
import org.senbonzakura.update.UpdateException;

/** A written partial MAR as the applier sees it, for verifying it before it is published. */
public final class MarContents implements UpdateContents, AutoCloseable {
  private final MarReader reader;
  private final long limit;
  private final Map<String, ContentDigest> stored = new HashMap<>();

  public MarContents(Path mar, long limit) throws IOException {
    this.reader = MarReader.open(mar);
    this.limit = limit;
  }

  @Override
  public String manifest() throws IOException, UpdateException {
    return new String(entry(Manifest.V3), StandardCharsets.UTF_8);
  }

  @Override
  public boolean hasEntry(String name) {
    return reader.entry(name).isPresent();
  }

  @Override
  public byte[] entry(String name) throws IOException, UpdateException {
    MarEntry e =
        reader.entry(name).orElseThrow(() -> new UpdateException("no entry '" + name + "'"));
    try (InputStream in = reader.openDecoded(e, limit)) {
      return in.readAllBytes();
    }
  }

  /** The digest of the entry's stored bytes, streamed without decoding them; kept per entry. */
  @Override
  public ContentDigest stored(String name) throws IOException, UpdateException {
    ContentDigest d = stored.get(name);
    if (d != null) {
      return d;
    }
    MarEntry e =
        reader.entry(name).orElseThrow(() -> new UpdateException("no entry '" + name + "'"));
    MessageDigest md = Digests.sha256();
    long size = 0;
    try (InputStream in = reader.openRaw(e)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
        size += n;
      }
    }
    d = new ContentDigest(Digests.hex(md.digest()), size);
    stored.put(name, d);
    return d;
  }

  @Override
  public int mode(String name) {
    return reader.entry(name).map(MarEntry::mode).orElse(0644);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
