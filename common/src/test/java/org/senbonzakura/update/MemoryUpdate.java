/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** An update whose entries are held uncompressed in memory, for applier tests. */
final class MemoryUpdate implements UpdateContents {
  private final String manifest;
  private final Map<String, byte[]> entries = new HashMap<>();
  private final Map<String, Integer> modes = new HashMap<>();

  MemoryUpdate(String manifest) {
    this.manifest = manifest;
  }

  MemoryUpdate entry(String name, String content) {
    return entry(name, content.getBytes(StandardCharsets.UTF_8), 0644);
  }

  MemoryUpdate entry(String name, byte[] content, int mode) {
    entries.put(name, content);
    modes.put(name, mode);
    return this;
  }

  @Override
  public String manifest() {
    return manifest;
  }

  @Override
  public boolean hasEntry(String name) {
    return entries.containsKey(name);
  }

  @Override
  public byte[] entry(String name) {
    return entries.get(name);
  }

  @Override
  public int mode(String name) {
    return modes.getOrDefault(name, 0644);
  }
}
