/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.mar;

import java.io.IOException;
import java.nio.file.Path;
import org.senbonzakura.jobs.storage.BlobStore;
import org.senbonzakura.update.ContentDigest;
import org.senbonzakura.update.PartialVerifier;
import org.senbonzakura.update.TreeListing;
import org.senbonzakura.update.UpdateException;
import org.senbonzakura.update.UpdateTools;
import org.senbonzakura.update.VerifierMemo;

/**
 * Verifies a partial with {@link PartialVerifier}, answering its memo questions from the pipeline's
 * {@link ContentMemo} and blob store, so the same big patch is not applied to the same old file for
 * every locale and every run:
 *
 * <ul>
 *   <li>a patch entry applied to an old file is looked up by (old file SHA-256, SHA-256 of the
 *       patch entry's stored bytes) under {@link #APPLIED};
 *   <li>an added entry's content is looked up by the SHA-256 of its stored bytes under {@link
 *       MarExploder#DECODED}, the memo the explode step fills (the assembler copies TO entries
 *       verbatim, so they are usually known);
 *   <li>an old file a patch must really be applied to is read from the blob store by digest.
 * </ul>
 */
public final class MemoVerifier implements VerifierMemo {
  /** The memo kind of "patch entry P applied to old file O gives content N". */
  public static final String APPLIED = "applied";

  private final BlobStore blobs;
  private final ContentMemo memo;
  private final long limit;

  public MemoVerifier(BlobStore blobs, ContentMemo memo, long limit) {
    this.blobs = blobs;
    this.memo = memo;
    this.limit = limit;
  }

  /**
   * Verifies the partial at {@code partial}.
   *
   * @throws UpdateException naming the first differences if applying it does not give TO
   */
  public void verify(TreeListing from, TreeListing to, Path partial)
      throws IOException, UpdateException {
    try (MarContents contents = new MarContents(partial, limit)) {
      PartialVerifier.verify(
          new BlobTreeSource(from, blobs), to, contents, UpdateTools.patcher(), this);
    }
  }

  @Override
  public ContentDigest knownDecoded(ContentDigest stored) throws IOException {
    return digest(memo.get(MarExploder.DECODED, stored.sha256(), stored.size()));
  }

  @Override
  public void recordDecoded(ContentDigest stored, ContentDigest content) throws IOException {
    memo.put(MarExploder.DECODED, stored.sha256(), stored.size(), result(content));
  }

  @Override
  public ContentDigest knownPatched(ContentDigest old, ContentDigest patch) throws IOException {
    return digest(memo.get(APPLIED, appliedKey(old, patch), old.size()));
  }

  @Override
  public void recordPatched(ContentDigest old, ContentDigest patch, ContentDigest result)
      throws IOException {
    memo.put(APPLIED, appliedKey(old, patch), old.size(), result(result));
  }

  @Override
  public byte[] read(ContentDigest content) throws IOException {
    byte[] bytes = blobs.read(content.sha256());
    if (bytes.length != content.size()) {
      throw new IOException("blob " + content.sha256() + " has the wrong size");
    }
    return bytes;
  }

  private static String appliedKey(ContentDigest old, ContentDigest patch) {
    return old.sha256() + "-" + patch.sha256();
  }

  private static ContentDigest digest(ContentMemo.Result r) {
    return r == null ? null : new ContentDigest(r.sha256(), r.size());
  }

  private static ContentMemo.Result result(ContentDigest d) {
    return new ContentMemo.Result(d.sha256(), d.size());
  }
}
