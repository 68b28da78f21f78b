/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.jobs.storage.Storage;

/**
 * What a run published at a partial's final path, written next to it (a hidden {@code
 * .NAME.sbz-meta} file) after the partial was verified (and signed) and before it was published. A
 * run that crashed after publishing but before its results MERGE left both; the next run finds
 * them, checks that the file still has the recorded size and SHA-512 and was made by the same
 * generator and signing key, and reuses it instead of assembling it again.
 *
 * @param signer the signing key's fingerprint, or empty when unsigned
 */
record PublishedPartial(
    String generator,
    String signer,
    long size,
    String sha512,
    int patched,
    int added,
    int removed) {

  /** The metadata file of the partial at {@code partialPath}. */
  static String metaPath(String partialPath) {
    int slash = partialPath.lastIndexOf('/');
    return partialPath.substring(0, slash + 1)
        + "."
        + partialPath.substring(slash + 1)
        + ".sbz-meta";
  }

  void write(Storage storage, String partialPath) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("generator", generator);
    m.put("signer", signer);
    m.put("size", Long.toString(size));
    m.put("sha512", sha512);
    m.put("patched", Integer.toString(patched));
    m.put("added", Integer.toString(added));
    m.put("removed", Integer.toString(removed));
    StringBuilder text = new StringBuilder();
    m.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    storage.writeAtomically(metaPath(partialPath), true, o -> o.write(bytes));
  }

  /**
   * The metadata recorded for {@code partialPath}, or null if there is none or it is unreadable.
   */
  static PublishedPartial read(Storage storage, String partialPath) throws IOException {
    String meta = metaPath(partialPath);
    if (!storage.exists(meta)) {
      return null;
    }
    Map<String, String> m = new LinkedHashMap<>();
    try (InputStream in = storage.open(meta)) {
      for (String line : new String(in.readNBytes(4096), StandardCharsets.UTF_8).split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          m.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    }
    try {
      return new PublishedPartial(
          m.get("generator"),
          m.getOrDefault("signer", ""),
          Long.parseLong(m.get("size")),
          m.get("sha512"),
          Integer.parseInt(m.get("patched")),
          Integer.parseInt(m.get("added")),
          Integer.parseInt(m.get("removed")));
    } catch (RuntimeException e) {
      return null; // not ours or damaged: the partial is simply built again
    }
  }

  /**
   * True if the file at {@code partialPath} is this partial: made by {@code generatorNow} with the
   * same signer, and still of the recorded size and SHA-512.
   */
  boolean describes(Storage storage, String partialPath, String generatorNow, String signerNow)
      throws IOException {
    if (!generator.equals(generatorNow) || !signer.equals(signerNow)) {
      return false;
    }
    if (storage.length(partialPath) != size) {
      return false;
    }
    MessageDigest md = Digests.sha512();
    try (InputStream in = storage.open(partialPath)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return Digests.hex(md.digest()).equals(sha512);
  }
}
