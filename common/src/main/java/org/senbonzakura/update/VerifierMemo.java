/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;

/**
 * Earlier answers {@link PartialVerifier} may take instead of decoding an entry or applying a patch
 * again. The same partial is verified for every locale and every run, and a big patch applied to
 * the same old file always gives the same result; a memo lets that work be done once. Every key
 * names all the bytes that decide the answer (the stored entry, and the old file for a patch), so a
 * remembered answer is the answer the work would give. The verifier still applies the whole
 * manifest and compares the result with the TO tree: a memo saves work, it never skips a check.
 */
public interface VerifierMemo {
  /** The content the entry stored as {@code stored} decodes to, or null if not known. */
  ContentDigest knownDecoded(ContentDigest stored) throws IOException;

  /** Records that the entry stored as {@code stored} decodes to {@code content}. */
  void recordDecoded(ContentDigest stored, ContentDigest content) throws IOException;

  /**
   * The content the patch entry stored as {@code patch} gives when applied to {@code old}, or null
   * if not known.
   */
  ContentDigest knownPatched(ContentDigest old, ContentDigest patch) throws IOException;

  /** Records that the patch entry stored as {@code patch} turns {@code old} into {@code result}. */
  void recordPatched(ContentDigest old, ContentDigest patch, ContentDigest result)
      throws IOException;

  /**
   * The bytes of {@code content}, for a patch the memo cannot answer: with a memo the verifier
   * keeps digests, not bytes, so it fetches the old file's content by digest when it must really
   * patch.
   */
  byte[] read(ContentDigest content) throws IOException;
}
