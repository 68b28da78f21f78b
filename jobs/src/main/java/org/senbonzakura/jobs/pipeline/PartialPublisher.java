/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.senbonzakura.jobs.mar.PartialAssembler;
import org.senbonzakura.jobs.mar.PartialSigner;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.jobs.storage.Storage;

/**
 * The publish step of the assemble stage, on the executor that assembled and verified the partial
 * (the partial is a local temporary file there, so it is not a Dataset stage of its own): signs it
 * when signing is configured, hashes the file that will be published, writes its record ({@link
 * PublishedPartial}) and only then commits the partial at its final path (temp + rename). One home
 * for the rule that makes crashes harmless: the record first, then the partial, never an unverified
 * or half-written file at a final path.
 */
final class PartialPublisher {
  /** What was published: the size and SHA-512 of the file at the final path. */
  record Published(long size, String sha512) {}

  private final Storage storage;
  private final String generator;
  private final PartialSigner signer;
  private final String haltAt;

  /**
   * @param signer the key to sign with, or null to publish unsigned
   * @param haltAt the crash-test hook ({@code sbz.debug.halt-at}), or null
   */
  PartialPublisher(Storage storage, String generator, PartialSigner signer, String haltAt) {
    this.storage = storage;
    this.generator = generator;
    this.signer = signer;
    this.haltAt = haltAt;
  }

  /** The signing key's fingerprint, or empty when unsigned (as recorded with each partial). */
  String signerId() {
    return signer == null ? "" : signer.fingerprint();
  }

  boolean signs() {
    return signer != null;
  }

  /**
   * Publishes the verified partial {@code verified} (a local file, deleted once signed) at {@code
   * finalPath}.
   */
  Published publish(Path verified, String finalPath, PartialAssembler.Assembled a)
      throws IOException {
    Path file = verified;
    Path signed = null;
    try {
      if (signer != null) {
        signed = Files.createTempFile("sbz-signed-", ".mar");
        signer.sign(verified, signed);
        Files.delete(verified);
        file = signed;
      }
      MessageDigest md = Digests.sha512();
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
      long size = Files.size(file);
      String sha512 = Digests.hex(md.digest());
      // the record first: a crash between the two leaves a record without its partial (rebuilt
      // next time), never a published partial without its record
      new PublishedPartial(generator, signerId(), size, sha512, a.patched(), a.added(), a.removed())
          .write(storage, finalPath);
      Path local = file;
      storage.writeAtomically(finalPath, true, o -> Files.copy(local, o));
      Halt.after(haltAt, "assemble");
      return new Published(size, sha512);
    } finally {
      if (signed != null) {
        try {
          Files.deleteIfExists(signed);
        } catch (IOException ignored) {
          // a leftover local temporary file is harmless
        }
      }
    }
  }
}
