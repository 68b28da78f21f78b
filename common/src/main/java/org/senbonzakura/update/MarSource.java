/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.senbonzakura.mar.ProductInfo;

/**
 * A complete MAR seen as an installation tree, its manifests left out as {@code list_files} leaves
 * them out. Entries stay in their stored, compressed form (so a partial can copy them instead of
 * compressing again) and are decoded only when read: the decoded tree is never held on the heap.
 * Opened from a MAR's {@linkplain MarIo#index index}, the stored bytes stay in the file too and are
 * read when needed, so a partial's heap holds neither MAR (issue #16).
 *
 * <p>Listing a MAR needs each file's SHA-256, which needs its decoded bytes; that is done on all
 * cores and the bytes dropped. Opened {@linkplain #MarSource(MarIo.Contents, EntryCodec, MarSource)
 * next to an earlier MAR} (the TO MAR next to the FROM MAR), an entry whose stored bytes equal the
 * earlier MAR's entry of the same path has the same content: it is neither decoded nor hashed, its
 * description is taken over. Between two builds most entries are such.
 */
public final class MarSource implements TreeSource {
  private static final Set<String> MANIFESTS =
      Set.of("update.manifest", "updatev2.manifest", "updatev3.manifest");

  private final ProductInfo productInfo;
  private final Map<String, StoredEntry> items = new HashMap<>();
  private final TreeListing listing;
  private final Map<String, FileInfo> byPath;
  private final EntryCodec codec;
  private final int reused;
  private final Map<String, Boolean> matchCache = new ConcurrentHashMap<>();

  public MarSource(MarIo.Contents mar, EntryCodec codec) throws IOException {
    this(mar, codec, null);
  }

  /** As {@link #MarSource(MarIo.Index, EntryCodec, MarSource)} over entries held in memory. */
  public MarSource(MarIo.Contents mar, EntryCodec codec, MarSource earlier) throws IOException {
    this(MarIo.Index.of(mar), codec, earlier);
  }

  /**
   * A MAR source that takes the description of every entry stored exactly as in {@code earlier}
   * (null: none) from there instead of decoding and hashing it.
   */
  public MarSource(MarIo.Index mar, EntryCodec codec, MarSource earlier) throws IOException {
    this.productInfo = mar.productInfo();
    this.codec = codec;
    List<StoredEntry> files = new ArrayList<>();
    for (StoredEntry i : mar.entries()) {
      String base = ManifestRules.basename(i.name());
      if (!MANIFESTS.contains(base)) {
        files.add(i);
        items.put(i.name(), i);
      }
    }
    Map<String, FileInfo> infos = new ConcurrentHashMap<>();
    List<StoredEntry> toDecode = new ArrayList<>();
    for (StoredEntry i : files) {
      FileInfo known = earlier == null ? null : earlier.sameStored(i);
      if (known != null) {
        infos.put(
            i.name(),
            new FileInfo(i.name(), FileInfo.normalizeMode(i.mode()), known.sha256(), known.size()));
      } else {
        toDecode.add(i);
      }
    }
    this.reused = files.size() - toDecode.size();
    toDecode.sort((a, b) -> Long.compare(b.length(), a.length())); // big ones first
    try {
      toDecode.parallelStream()
          .forEach(
              i -> {
                try {
                  infos.put(i.name(), describe(i));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    String removed = null;
    for (String p : TreeListing.REMOVED_FILES_PATHS) {
      if (items.containsKey(p)) {
        removed = new String(decode(items.get(p), infos.get(p).size()), StandardCharsets.UTF_8);
        break;
      }
    }
    this.listing = TreeListing.of(infos.values(), removed);
    this.byPath = listing.byPath();
  }

  public ProductInfo productInfo() {
    return productInfo;
  }

  /** How many entries were described from the earlier MAR without being decoded. */
  public int reusedEntries() {
    return reused;
  }

  /** This MAR's description of {@code other}'s path if the stored bytes are the same, else null. */
  private FileInfo sameStored(StoredEntry other) throws IOException {
    StoredEntry mine = items.get(other.name());
    if (mine == null || mine.length() != other.length()) {
      return null;
    }
    return Arrays.equals(mine.bytes(), other.bytes()) ? byPath.get(other.name()) : null;
  }

  @Override
  public TreeListing listing() {
    return listing;
  }

  @Override
  public byte[] read(String path) throws IOException {
    return decode(entry(path), byPath.get(path).size());
  }

  /**
   * Decodes the entry straight into {@code file}: a big file (libxul) is written for the differ's
   * file API without its decoded bytes ever being on the heap.
   */
  @Override
  public void copyTo(String path, Path file) throws IOException {
    StoredEntry i = entry(path);
    long size = byPath.get(path).size();
    long n = 0;
    try (InputStream in = codec.decoder(i.bytes());
        OutputStream out = Files.newOutputStream(file)) {
      byte[] buf = new byte[1 << 20];
      for (int k; (k = in.readNBytes(buf, 0, buf.length)) > 0; ) {
        out.write(buf, 0, k);
        n += k;
      }
    } catch (IOException e) {
      throw new IOException("entry '" + path + "': " + e.getMessage(), e);
    }
    if (n != size) {
      throw new IOException("entry '" + path + "' decodes to " + n + " bytes, not " + size);
    }
  }

  private StoredEntry entry(String path) throws IOException {
    StoredEntry i = items.get(path);
    if (i == null) {
      throw new IOException("complete MAR has no entry '" + path + "'");
    }
    return i;
  }

  /**
   * Hashes an entry's decoded bytes as they stream by: the listing never holds a decoded file, and
   * an entry past the decoded-entry limit is refused having cost a buffer, not its output.
   */
  private FileInfo describe(StoredEntry i) throws IOException {
    MessageDigest sha256 = Hashes.digest("SHA-256");
    long size = 0;
    try (InputStream in = codec.decoder(i.bytes())) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        sha256.update(buf, 0, n);
        size += n;
      }
    } catch (IOException e) {
      throw new IOException("entry '" + i.name() + "': " + e.getMessage(), e);
    }
    return new FileInfo(
        i.name(),
        FileInfo.normalizeMode(i.mode()),
        HexFormat.of().formatHex(sha256.digest()),
        size);
  }

  /** Decodes an entry whose decoded size the listing already counted. */
  private byte[] decode(StoredEntry i, long size) throws IOException {
    try {
      return codec.decompress(i.bytes(), size);
    } catch (IOException e) {
      throw new IOException("entry '" + i.name() + "': " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<byte[]> storedEntry(String path, EntryCompression compression)
      throws IOException {
    return usable(path, compression) ? Optional.of(items.get(path).bytes()) : Optional.empty();
  }

  @Override
  public long storedEntryLength(String path, EntryCompression compression) {
    return usable(path, compression) ? items.get(path).length() : -1;
  }

  private boolean usable(String path, EntryCompression compression) {
    StoredEntry i = items.get(path);
    if (i == null) {
      return false;
    }
    return matchCache.computeIfAbsent(
        path + "\0" + compression,
        k -> {
          try {
            return codec.matches(i.head(XzHeaders.HEAD_BYTES), compression, true);
          } catch (IOException e) {
            return false; // not copied then; reading the entry for its content reports the error
          }
        });
  }
}
