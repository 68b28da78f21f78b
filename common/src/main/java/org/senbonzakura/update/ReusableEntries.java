/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.senbonzakura.compress.EntryDecodeException;
import org.senbonzakura.mar.MarEntry;
import org.senbonzakura.mar.MarReader;

/**
 * Compressed entries of an existing complete MAR that a new complete MAR may take as they are.
 *
 * <p>Locale repacks and rebuilds share almost every file with a base build (a Firefox locale
 * differs from en-US by one language pack), and compressing a 184 MB {@code libxul} again takes
 * longer than everything else. An entry is reused only when its decoded bytes are exactly the
 * tree's file (same size and SHA-256) and it uses the compression the new MAR needs (xz or bzip2,
 * recognised by its magic). Filter options inside an xz stream (such as the x86 BCJ filter) are not
 * compared: the result is a valid MAR either way, and byte-identical to a fresh build when the base
 * was built with the same options.
 */
public final class ReusableEntries {
  private ReusableEntries() {}

  /**
   * Reads {@code baseMar} and returns, by path, the raw entry bytes that can stand for the files of
   * {@code listing} compressed with {@code compression}.
   */
  public static Map<String, byte[]> from(
      Path baseMar, TreeListing listing, EntryCompression compression) throws IOException {
    Map<String, byte[]> reusable = new HashMap<>();
    try (MarReader mar = MarReader.open(baseMar)) {
      for (FileInfo f : listing.files()) {
        Optional<MarEntry> entry = mar.entry(f.path());
        if (entry.isEmpty()) {
          continue;
        }
        byte[] raw;
        try (InputStream in = mar.openRaw(entry.get())) {
          raw = in.readAllBytes();
        }
        if (XzHeaders.matches(raw, compression, true) && decodesTo(mar, entry.get(), f)) {
          reusable.put(f.path(), raw);
        }
      }
    }
    return reusable;
  }

  private static boolean decodesTo(MarReader mar, MarEntry entry, FileInfo f) throws IOException {
    MessageDigest sha256 = Hashes.digest("SHA-256");
    long n = 0;
    try (InputStream in = new DigestInputStream(mar.openDecoded(entry, f.size()), sha256)) {
      byte[] buf = new byte[1 << 16];
      for (int r; (r = in.read(buf)) > 0; ) {
        n += r;
      }
    } catch (EntryDecodeException e) {
      return false; // too large or not decodable: compress the file afresh
    }
    return n == f.size() && HexFormat.of().formatHex(sha256.digest()).equals(f.sha256());
  }
}
