/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.mar;

import java.io.IOException;
import org.senbonzakura.jobs.storage.BlobStore;
import org.senbonzakura.update.FileInfo;
import org.senbonzakura.update.TreeListing;
import org.senbonzakura.update.TreeSource;

/** An exploded installation tree: its listing from the files table, its bytes from the blobs. */
public final class BlobTreeSource implements TreeSource {
  private final TreeListing listing;
  private final BlobStore blobs;

  public BlobTreeSource(TreeListing listing, BlobStore blobs) {
    this.listing = listing;
    this.blobs = blobs;
  }

  @Override
  public TreeListing listing() {
    return listing;
  }

  @Override
  public byte[] read(String path) throws IOException {
    FileInfo f =
        listing.file(path).orElseThrow(() -> new IOException("no file '" + path + "' in tree"));
    return blobs.read(f.sha256());
  }
}
