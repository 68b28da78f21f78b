/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** An update MAR read back from disk, decompressing entries when the applier asks for them. */
public final class MarUpdateContents implements UpdateContents {
  private final Map<String, MarItem> items = new HashMap<>();
  private final EntryCodec codec;

  public MarUpdateContents(MarIo.Contents mar, EntryCodec codec) {
    for (MarItem i : mar.items()) {
      items.put(i.name(), i);
    }
    this.codec = codec;
  }

  @Override
  public String manifest() throws IOException, UpdateException {
    MarItem m = items.get(Manifest.V3);
    if (m == null) {
      throw new UpdateException("MAR has no updatev3.manifest");
    }
    return new String(codec.decompress(m.data()), StandardCharsets.UTF_8);
  }

  @Override
  public boolean hasEntry(String name) {
    return items.containsKey(name);
  }

  @Override
  public byte[] entry(String name) throws IOException, UpdateException {
    MarItem i = items.get(name);
    if (i == null) {
      throw new UpdateException("MAR has no entry '" + name + "' (READ_ERROR)");
    }
    if (i.data().length == 0) {
      throw new UpdateException("entry '" + name + "' is empty (UNEXPECTED_MAR_ERROR)");
    }
    try {
      return codec.decompress(i.data());
    } catch (IOException e) {
      throw new UpdateException(
          "entry '" + name + "' does not decompress (UNEXPECTED_XZ_ERROR): " + e.getMessage(), e);
    }
  }

  /** The digest of the entry's compressed bytes, without decompressing them. */
  @Override
  public ContentDigest stored(String name) throws UpdateException {
    MarItem i = items.get(name);
    if (i == null) {
      throw new UpdateException("MAR has no entry '" + name + "' (READ_ERROR)");
    }
    return ContentDigest.of(i.data());
  }

  @Override
  public int mode(String name) {
    MarItem i = items.get(name);
    return i == null ? 0644 : i.mode();
  }
}
