/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.senbonzakura.mar.ProductInfo;

/**
 * A complete MAR seen as an installation tree: every entry decompressed (on all cores) and hashed,
 * its manifests left out as {@code list_files} leaves them out. Entries stay available in their
 * stored, compressed form so a partial can copy them instead of compressing again.
 */
public final class MarSource implements TreeSource {
  private static final Set<String> MANIFESTS =
      Set.of("update.manifest", "updatev2.manifest", "updatev3.manifest");

  private final ProductInfo productInfo;
  private final Map<String, MarItem> items = new HashMap<>();
  private final Map<String, byte[]> content;
  private final TreeListing listing;
  private final EntryCodec codec;
  private final Map<String, Boolean> matchCache = new ConcurrentHashMap<>();

  public MarSource(MarIo.Contents mar, EntryCodec codec) throws IOException {
    this.productInfo = mar.productInfo();
    this.codec = codec;
    List<MarItem> files = new ArrayList<>();
    for (MarItem i : mar.items()) {
      String base = ManifestRules.basename(i.name());
      if (!MANIFESTS.contains(base)) {
        files.add(i);
        items.put(i.name(), i);
      }
    }
    content = new ConcurrentHashMap<>();
    Map<String, FileInfo> infos = new ConcurrentHashMap<>();
    try {
      files.parallelStream()
          .forEach(
              i -> {
                try {
                  byte[] d = codec.decompress(i.data());
                  content.put(i.name(), d);
                  infos.put(
                      i.name(),
                      new FileInfo(
                          i.name(), FileInfo.normalizeMode(i.mode()), Hashes.sha256(d), d.length));
                } catch (IOException e) {
                  throw new UncheckedIOException(
                      new IOException("entry '" + i.name() + "': " + e.getMessage(), e));
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    String removed = null;
    for (String p : TreeListing.REMOVED_FILES_PATHS) {
      if (content.containsKey(p)) {
        removed = new String(content.get(p), StandardCharsets.UTF_8);
        break;
      }
    }
    this.listing = TreeListing.of(infos.values(), removed);
  }

  public ProductInfo productInfo() {
    return productInfo;
  }

  @Override
  public TreeListing listing() {
    return listing;
  }

  @Override
  public byte[] read(String path) throws IOException {
    byte[] d = content.get(path);
    if (d == null) {
      throw new IOException("complete MAR has no entry '" + path + "'");
    }
    return d;
  }

  @Override
  public Optional<byte[]> storedEntry(String path, EntryCompression compression) {
    return usable(path, compression) ? Optional.of(items.get(path).data()) : Optional.empty();
  }

  @Override
  public long storedEntryLength(String path, EntryCompression compression) {
    return usable(path, compression) ? items.get(path).data().length : -1;
  }

  private boolean usable(String path, EntryCompression compression) {
    MarItem i = items.get(path);
    if (i == null) {
      return false;
    }
    return matchCache.computeIfAbsent(
        path + "\0" + compression, k -> codec.matches(i.data(), compression, true));
  }
}
