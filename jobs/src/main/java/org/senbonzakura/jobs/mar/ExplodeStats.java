/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.mar;

import java.io.Serializable;

/**
 * What exploding one or more complete MARs cost, as counts rather than times: how many entries were
 * read (every entry is hashed), how many of them had to be decoded because their stored bytes were
 * not in the memo, and how many stored bytes those were. A value returned by the explode, so a
 * caller sums it over its MARs and a test can assert that a known MAR decodes nothing.
 *
 * @param entries file entries read and hashed
 * @param decoded entries decoded into the blob store (their stored bytes were new)
 * @param known entries answered by the {@code decoded} memo (not decoded)
 * @param hashedBytes stored bytes read to hash the entries
 * @param decodedBytes stored bytes of the decoded entries
 */
public record ExplodeStats(int entries, int decoded, int known, long hashedBytes, long decodedBytes)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Nothing exploded yet. */
  public static final ExplodeStats NONE = new ExplodeStats(0, 0, 0, 0, 0);

  /** The sum of this and {@code o}. */
  public ExplodeStats plus(ExplodeStats o) {
    return new ExplodeStats(
        entries + o.entries,
        decoded + o.decoded,
        known + o.known,
        hashedBytes + o.hashedBytes,
        decodedBytes + o.decodedBytes);
  }

  /** One log line's worth: "97 entries hashed (80.1 MB), 3 decoded (1.2 MB), 94 known". */
  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "%d entries hashed (%.1f MB), %d decoded (%.1f MB), %d known",
        entries,
        hashedBytes / 1e6,
        decoded,
        decodedBytes / 1e6,
        known);
  }

  /** One entry read and hashed; decoded (its stored bytes were new) or answered by the memo. */
  ExplodeStats plusEntry(long storedSize, boolean wasDecoded) {
    return new ExplodeStats(
        entries + 1,
        decoded + (wasDecoded ? 1 : 0),
        known + (wasDecoded ? 0 : 1),
        hashedBytes + storedSize,
        decodedBytes + (wasDecoded ? storedSize : 0));
  }
}
