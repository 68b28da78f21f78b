/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.mar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.senbonzakura.compress.EntryFormat;
import org.senbonzakura.jobs.storage.BlobStore;
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

  private MarExploder() {}

  public static ExplodedMar explode(Path mar, BlobStore blobs, long maxFileSize)
      throws IOException {
    try (MarReader reader = MarReader.open(mar, new MarReadOptions(maxFileSize))) {
      List<ExplodedMar.ExplodedFile> files = new ArrayList<>();
      String buildId = null;
      for (MarEntry e : reader.entries()) {
        if (MANIFESTS.contains(e.name())) {
          continue;
        }
        BlobStore.Stored content;
        try (InputStream in = reader.openDecoded(e, maxFileSize)) {
          content = blobs.put(in);
        }
        BlobStore.Stored entry;
        String format;
        try (InputStream raw = reader.openRaw(e)) {
          byte[] head = raw.readNBytes(EntryFormat.MAGIC_LENGTH);
          format = EntryFormat.detect(head, head.length).name().toLowerCase(Locale.ROOT);
        }
        try (InputStream raw = reader.openRaw(e)) {
          entry = blobs.put(raw);
        }
        files.add(
            new ExplodedMar.ExplodedFile(
                e.name(),
                e.mode() & 07777,
                content.size(),
                content.sha256(),
                entry.sha256(),
                entry.size(),
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
          files);
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
