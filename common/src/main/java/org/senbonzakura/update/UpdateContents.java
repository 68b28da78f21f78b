/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;

/** What an {@link Applier} needs from an update MAR: its manifest and decompressed entries. */
public interface UpdateContents {
  /** The {@code updatev3.manifest} text. */
  String manifest() throws IOException, UpdateException;

  boolean hasEntry(String name);

  /** The entry, decompressed. */
  byte[] entry(String name) throws IOException, UpdateException;

  /** The entry's MAR flags (Unix mode bits). */
  int mode(String name);

  /**
   * The digest of the entry's bytes as stored in the update (compressed, in a MAR): the key under
   * which a {@link VerifierMemo} remembers work on the entry without decoding it. An update held
   * uncompressed stores the content itself, hence the default.
   */
  default ContentDigest stored(String name) throws IOException, UpdateException {
    return ContentDigest.of(entry(name));
  }
}
