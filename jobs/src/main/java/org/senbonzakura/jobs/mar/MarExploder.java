/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.mar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.senbonzakura.compress.EntryFormat;
import org.senbonzakura.jobs.storage.BlobStore;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.jobs.storage.Storage;
import org.senbonzakura.mar.MarEntry;
import org.senbonzakura.mar.MarReadOptions;
import org.senbonzakura.mar.MarReader;
import org.senbonzakura.mar.ProductInfo;

/**
 * Explodes a complete MAR into the blob store: every entry's decoded bytes (keyed by their SHA-256,
 * shared by every MAR that holds them) and its stored compressed entry (copied verbatim into
 * partials that ship the file whole). The MAR reader's limits apply, so a hostile MAR fails here
 * with the reader's reason.
 */
public final class MarExploder {
  /** Manifests describe the complete update itself; they are not files of the tree. */
  private static final Set<String> MANIFESTS =
      Set.of("updatev3.manifest", "updatev2.manifest", "update.manifest");

  /** The memo kind of "this stored entry decodes to that content". */
  public static final String DECODED = ContentMemo.DECODED;

  private MarExploder() {}

  /** Explodes without a memo: every entry is decoded. */
  public static ExplodedMar explode(Path mar, BlobStore blobs, long maxFileSize)
      throws IOException {
    return explode(mar, blobs, maxFileSize, null, null);
  }

  /**
   * Explodes {@code mar}. Each stored entry is hashed first; an entry whose exact compressed bytes
   * were decoded before (through {@code memo}, by any executor in this or any earlier run on the
   * same storage root) is not decoded again: the same compressed bytes always decode to the same
   * content, which is already in the blob store. So a 50 MB libxul entry shared by twenty locales'
   * MARs is decoded once, and a MAR whose entries are all known costs one read to hash them. The
   * returned {@link ExplodeStats} counts the entries that were decoded.
   *
   * @param storage with {@code memo}, to check whether a stored entry is already in the blob store
   * @param memo decoded-content memo keyed by the stored entry's SHA-256, or null for none
   */
  public static ExplodedMar explode(
      Path mar, BlobStore blobs, long maxFileSize, Storage storage, ContentMemo memo)
      throws IOException {
    try (MarReader reader = MarReader.open(mar, new MarReadOptions(maxFileSize))) {
      List<ExplodedMar.ExplodedFile> files = new ArrayList<>();
      String buildId = null;
      ExplodeStats stats = ExplodeStats.NONE;
      for (MarEntry e : reader.entries()) {
        if (MANIFESTS.contains(e.name())) {
          continue;
        }
        MessageDigest md = Digests.sha256();
        byte[] head;
        long rawSize;
        try (InputStream raw = reader.openRaw(e)) {
          head = raw.readNBytes(EntryFormat.MAGIC_LENGTH);
          md.update(head);
          rawSize = head.length;
          byte[] buf = new byte[1 << 16];
          for (int n; (n = raw.read(buf)) > 0; ) {
            md.update(buf, 0, n);
            rawSize += n;
          }
        }
        String rawSha = Digests.hex(md.digest());
        String format = EntryFormat.detect(head, head.length).name().toLowerCase(Locale.ROOT);
        ContentMemo.Result content = memo == null ? null : memo.get(DECODED, rawSha, rawSize);
        if (content != null && content.size() > maxFileSize) {
          throw new IOException(
              "entry " + e.name() + " decodes to " + content.size() + " bytes, over the limit");
        }
        stats = stats.plusEntry(rawSize, content == null);
        if (content == null) {
          try (InputStream in = reader.openDecoded(e, maxFileSize)) {
            BlobStore.Stored c = blobs.put(in);
            content = new ContentMemo.Result(c.sha256(), c.size());
          }
          if (storage == null || !storage.exists(blobs.locationOf(rawSha))) {
            try (InputStream raw = reader.openRaw(e)) {
              BlobStore.Stored stored = blobs.put(raw);
              if (!stored.sha256().equals(rawSha)) {
                throw new IOException("entry " + e.name() + " changed while it was read");
              }
            }
          }
          if (memo != null) {
            memo.put(DECODED, rawSha, rawSize, content); // only once both blobs are stored
          }
        }
        files.add(
            new ExplodedMar.ExplodedFile(
                e.name(),
                e.mode() & 07777,
                content.size(),
                content.sha256(),
                rawSha,
                rawSize,
                format));
        if (buildId == null && e.name().endsWith("application.ini") && content.size() < 65536) {
          buildId = buildId(blobs.read(content.sha256()));
        }
      }
      ProductInfo info = reader.productInfo().orElse(null);
      return new ExplodedMar(
          info == null ? null : info.version(),
          info == null ? null : info.channel(),
          buildId,
          files,
          stats);
    }
  }

  /** The {@code BuildID=} value of an {@code application.ini}. */
  static String buildId(byte[] ini) {
    for (String line : new String(ini, StandardCharsets.UTF_8).split("\\R")) {
      String t = line.trim();
      if (t.startsWith("BuildID=")) {
        return t.substring("BuildID=".length()).trim();
      }
    }
    return null;
  }
}
