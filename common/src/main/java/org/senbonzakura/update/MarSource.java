/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.senbonzakura.compress.EntryCodecs;
import org.senbonzakura.io.BigFiles;
import org.senbonzakura.mar.ProductInfo;

/**
 * A complete MAR seen as an installation tree, its manifests left out as {@code list_files} leaves
 * them out. Entries stay in their stored, compressed form (so a partial can copy them instead of
 * compressing again) and are decoded only when read: the decoded tree is never held on the heap.
 * Opened from a MAR's {@linkplain MarIo#index index}, the stored bytes stay in the file too and are
 * read when needed, so a partial's heap holds neither MAR (issue #16).
 *
 * <p>Listing a MAR needs each file's SHA-256, which needs its decoded bytes; that is done on all
 * cores and the bytes dropped. The FROM and TO MARs of a partial are best opened {@linkplain #pair
 * together}: an entry whose stored bytes are the same in both at the same path has the same
 * content, and the partial leaves it alone, so it is neither decoded nor hashed on either side.
 * Between two builds most entries are such.
 *
 * <p>A big entry that must be decoded to be hashed is decoded once: it is written to a temporary
 * file while it is hashed, and the differ's copy ({@link #copyTo}) and verification's reads come
 * from that file instead of decoding it again (libxul twice per side otherwise). {@link #close}
 * deletes those files.
 */
public final class MarSource implements TreeSource, Closeable {
  private static final Set<String> MANIFESTS =
      Set.of("update.manifest", "updatev2.manifest", "updatev3.manifest");

  private final ProductInfo productInfo;
  private final Map<String, StoredEntry> items = new HashMap<>();
  private final EntryCodec codec;
  private final Map<String, FileInfo> infos = new ConcurrentHashMap<>();
  private final List<StoredEntry> toDecode = new ArrayList<>();
  private final int reused;
  private TreeListing listing; // set once, by describe
  private Map<String, FileInfo> byPath;
  private final Map<String, Boolean> matchCache = new ConcurrentHashMap<>();

  /**
   * Stored length from which a decoded entry is kept in a file: the entries a partial diffs through
   * files are far bigger (16 MiB decoded), and the few entries this big keep little on disk.
   */
  static final long KEEP_DECODED_AT = 1L << 20;

  private final Map<String, Path> decodedFiles = new ConcurrentHashMap<>();
  private Path decodedDir;

  /** A lone complete MAR held in memory, every entry decoded and hashed once. */
  public MarSource(MarIo.Contents mar, EntryCodec codec) throws IOException {
    this(MarIo.Index.of(mar), codec);
  }

  /** A lone complete MAR read from its file, every entry decoded and hashed once. */
  public MarSource(MarIo.Index mar, EntryCodec codec) throws IOException {
    this(mar, codec, Map.of());
    describe(List.of(this));
  }

  /** FROM and TO complete MARs opened together: see {@link #pair}. */
  public record Pair(MarSource from, MarSource to) {}

  /**
   * Opens a partial's FROM and TO MARs together. Their entries stored byte for byte alike at the
   * same path (compared by length, then bytes) are described without decoding: their size comes
   * from the xz index, and instead of a SHA-256 both get one shared {@linkplain FileInfo#unhashed
   * identity}, which says "same as the twin", all a partial needs of a file it leaves alone. Only
   * the entries that differ are decoded and hashed, on all cores.
   *
   * @param hashAnyway paths that go into the partial even when unchanged ({@code add-if-not} and
   *     forced files): their content must be hashed, since the partial ships it and verification
   *     compares it
   */
  public static Pair pair(
      MarIo.Index from, MarIo.Index to, EntryCodec codec, Predicate<String> hashAnyway)
      throws IOException {
    Map<String, StoredEntry> olds = new HashMap<>();
    for (StoredEntry e : files(from)) {
      olds.put(e.name(), e);
    }
    List<Twins> candidates = new ArrayList<>();
    for (StoredEntry e : files(to)) {
      StoredEntry old = olds.get(e.name());
      if (old != null && old.length() == e.length() && !hashAnyway.test(e.name())) {
        candidates.add(new Twins(old, e));
      }
    }
    candidates.sort((a, b) -> Long.compare(b.to().length(), a.to().length())); // big ones first
    Map<String, FileInfo> fromKnown = new ConcurrentHashMap<>();
    Map<String, FileInfo> toKnown = new ConcurrentHashMap<>();
    forEachInParallel(
        candidates,
        t -> {
          byte[] stored = t.to().bytes();
          if (!Arrays.equals(t.from().bytes(), stored)) {
            return;
          }
          long size = EntryCodecs.xzIndexSize(stored);
          if (size >= 0) { // else bzip2 (no index) or a broken one: decoded as usual, and reported
            String p = t.to().name();
            fromKnown.put(p, FileInfo.unhashed(p, t.from().mode(), stored.length, size));
            toKnown.put(p, FileInfo.unhashed(p, t.to().mode(), stored.length, size));
          }
        });
    Pair pair = new Pair(new MarSource(from, codec, fromKnown), new MarSource(to, codec, toKnown));
    describe(List.of(pair.from(), pair.to()));
    return pair;
  }

  /** The entries at one path in the FROM and the TO MAR. */
  private record Twins(StoredEntry from, StoredEntry to) {}

  /** An entry of a source still to be decoded and hashed. */
  private record Pending(MarSource source, StoredEntry entry) {}

  /**
   * A source whose other entries are still to be {@linkplain #describe described}.
   *
   * @param known descriptions of entries not to decode (their twins in the other MAR)
   */
  private MarSource(MarIo.Index mar, EntryCodec codec, Map<String, FileInfo> known) {
    this.productInfo = mar.productInfo();
    this.codec = codec;
    List<StoredEntry> files = files(mar);
    for (StoredEntry i : files) {
      items.put(i.name(), i);
      FileInfo k = known.get(i.name());
      if (k != null) {
        infos.put(i.name(), k);
      } else {
        toDecode.add(i);
      }
    }
    this.reused = files.size() - toDecode.size();
  }

  /**
   * Decodes and hashes the entries of {@code sources} left to describe, in one pass on all cores,
   * biggest first: FROM's and TO's libxul decode at the same time, not one MAR after the other. On
   * failure every source's decoded copies are deleted.
   */
  private static void describe(List<MarSource> sources) throws IOException {
    List<Pending> work = new ArrayList<>();
    for (MarSource s : sources) {
      for (StoredEntry i : s.toDecode) {
        work.add(new Pending(s, i));
      }
    }
    work.sort((a, b) -> Long.compare(b.entry().length(), a.entry().length()));
    try {
      forEachInParallel(
          work, w -> w.source().infos.put(w.entry().name(), w.source().describe(w.entry())));
      for (MarSource s : sources) {
        s.finishListing();
      }
    } catch (IOException | RuntimeException e) {
      for (MarSource s : sources) {
        try {
          s.close(); // the decoded copies made so far
        } catch (IOException c) {
          e.addSuppressed(c); // the load's own error is the one to report
        }
      }
      throw e;
    }
  }

  private void finishListing() throws IOException {
    String removed = null;
    for (String p : TreeListing.REMOVED_FILES_PATHS) {
      if (items.containsKey(p)) {
        removed = new String(read(p, infos.get(p).size()), StandardCharsets.UTF_8);
        break;
      }
    }
    this.listing = TreeListing.of(infos.values(), removed);
    this.byPath = listing.byPath();
    toDecode.clear();
  }

  public ProductInfo productInfo() {
    return productInfo;
  }

  /** How many entries were described without being decoded (stored alike in the other MAR). */
  public int reusedEntries() {
    return reused;
  }

  /** The entries of {@code mar} that are files of the tree: all but the manifests. */
  private static List<StoredEntry> files(MarIo.Index mar) {
    List<StoredEntry> files = new ArrayList<>();
    for (StoredEntry i : mar.entries()) {
      if (!MANIFESTS.contains(ManifestRules.basename(i.name()))) {
        files.add(i);
      }
    }
    return files;
  }

  /** An action on stored entries that reads them. */
  private interface EntryWork<T> {
    void run(T item) throws IOException;
  }

  /**
   * Runs {@code work} on every item on all cores; the first error is thrown as it was. It returns
   * only when no item is still running (a parallel stream's own exception would return at once,
   * leaving other items writing decoded copies while the caller deletes them); after an error the
   * items not yet started are skipped.
   */
  private static <T> void forEachInParallel(List<T> items, EntryWork<T> work) throws IOException {
    AtomicReference<Exception> failed = new AtomicReference<>();
    items.parallelStream()
        .forEach(
            i -> {
              if (failed.get() != null) {
                return;
              }
              try {
                work.run(i);
              } catch (IOException | RuntimeException e) {
                failed.compareAndSet(null, e);
              }
            });
    Exception e = failed.get();
    if (e instanceof IOException io) {
      throw io;
    } else if (e instanceof RuntimeException r) {
      throw r;
    }
  }

  @Override
  public TreeListing listing() {
    return listing;
  }

  @Override
  public byte[] read(String path) throws IOException {
    return read(path, byPath.get(path).size());
  }

  private byte[] read(String path, long size) throws IOException {
    Path kept = decodedFiles.get(path);
    if (kept != null) {
      byte[] b = BigFiles.readAllBytes(kept);
      if (b.length != size) {
        throw new IOException("decoded copy of entry '" + path + "' was changed: " + kept);
      }
      return b;
    }
    return decode(entry(path), size);
  }

  /**
   * Writes the entry's content to {@code file} without its decoded bytes ever being on the heap: a
   * big entry (libxul) is copied from the file it was decoded to at load, a smaller one is decoded
   * straight into {@code file}.
   */
  @Override
  public void copyTo(String path, Path file) throws IOException {
    StoredEntry i = entry(path);
    long size = byPath.get(path).size();
    Path kept = decodedFiles.get(path);
    if (kept != null) {
      Files.copy(kept, file, StandardCopyOption.REPLACE_EXISTING);
      if (Files.size(file) != size) {
        throw new IOException("decoded copy of entry '" + path + "' was changed: " + kept);
      }
      return;
    }
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
    Path kept = i.length() >= KEEP_DECODED_AT ? newDecodedFile() : null;
    try (InputStream in = codec.decoder(i.bytes());
        OutputStream out =
            kept == null ? OutputStream.nullOutputStream() : Files.newOutputStream(kept)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        sha256.update(buf, 0, n);
        out.write(buf, 0, n);
        size += n;
      }
    } catch (IOException e) {
      throw new IOException("entry '" + i.name() + "': " + e.getMessage(), e);
    }
    if (kept != null) {
      decodedFiles.put(i.name(), kept);
    }
    return new FileInfo(
        i.name(),
        FileInfo.normalizeMode(i.mode()),
        HexFormat.of().formatHex(sha256.digest()),
        size);
  }

  private synchronized Path newDecodedFile() throws IOException {
    if (decodedDir == null) {
      decodedDir = Files.createTempDirectory("sbz-mar");
      decodedDir.toFile().deleteOnExit();
    }
    Path f = Files.createTempFile(decodedDir, "entry", ".bin");
    f.toFile().deleteOnExit();
    return f;
  }

  /** The files holding decoded copies of big entries (for tests). */
  List<Path> decodedCopies() {
    return List.copyOf(decodedFiles.values());
  }

  /** Deletes the decoded copies of big entries; reading them then decodes again. */
  @Override
  public synchronized void close() throws IOException {
    for (Path f : decodedFiles.values()) {
      Files.deleteIfExists(f);
    }
    decodedFiles.clear();
    if (decodedDir != null) {
      try (Stream<Path> left = Files.list(decodedDir)) {
        for (Path f : (Iterable<Path>) left::iterator) {
          Files.deleteIfExists(f); // an entry whose decoding failed
        }
      }
      Files.deleteIfExists(decodedDir);
      decodedDir = null;
    }
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
