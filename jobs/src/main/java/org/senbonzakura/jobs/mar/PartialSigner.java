/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.mar;

import java.io.IOException;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.jobs.storage.LocalCopy;
import org.senbonzakura.jobs.storage.Storage;
import org.senbonzakura.mar.MarException;
import org.senbonzakura.mar.MarKeys;
import org.senbonzakura.mar.MarReader;
import org.senbonzakura.mar.MarSigning;
import org.senbonzakura.mar.RsaDigestSigner;
import org.senbonzakura.mar.SignatureCheck;

/**
 * Signs verified partials with the configured key. The key is loaded on the executor from its
 * location (only the location travels with the task), and when a certificate is configured it must
 * belong to the key: every signature is checked with it before the partial is published, so a
 * mismatched key/certificate pair can never publish a partial that clients would refuse.
 */
public final class PartialSigner {
  private final RsaDigestSigner signer;
  private final RSAPublicKey check;
  private final String fingerprint;

  private PartialSigner(RsaDigestSigner signer, RSAPublicKey check, String fingerprint) {
    this.signer = signer;
    this.check = check;
    this.fingerprint = fingerprint;
  }

  /**
   * Loads the private key (PEM) and, if {@code certificateLocation} is not empty, the certificate
   * or public key that must match it.
   *
   * @throws IOException naming the file and what is wrong with it
   */
  public static PartialSigner load(Storage storage, String keyLocation, String certificateLocation)
      throws IOException {
    RSAPrivateKey key;
    try (LocalCopy k = LocalCopy.of(storage, keyLocation)) {
      key = MarKeys.readPrivateKey(k.path());
    } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
      throw new MarException("signing key " + keyLocation + " not found");
    }
    RsaDigestSigner signer = RsaDigestSigner.of(key);
    RSAPublicKey check = null;
    if (!certificateLocation.isEmpty()) {
      try (LocalCopy c = LocalCopy.of(storage, certificateLocation)) {
        check = MarKeys.readPublicKey(c.path());
      } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
        throw new MarException("signing certificate " + certificateLocation + " not found");
      }
      if (!check.getModulus().equals(key.getModulus())) {
        throw new MarException(
            "signing certificate "
                + certificateLocation
                + " does not belong to the private key "
                + keyLocation);
      }
    }
    String fp = Digests.hex(Digests.sha256().digest(key.getModulus().toByteArray()));
    return new PartialSigner(signer, check, fp.substring(0, 16));
  }

  /** A short fingerprint of the key (SHA-256 of its modulus), recorded with what it signed. */
  public String fingerprint() {
    return fingerprint;
  }

  /** Signs {@code unsigned} into {@code signed} and checks the signature with the certificate. */
  public void sign(Path unsigned, Path signed) throws IOException {
    MarSigning.sign(unsigned, signed, List.of(signer));
    if (check == null) {
      return;
    }
    try (MarReader r = MarReader.open(signed)) {
      List<SignatureCheck> checks = MarSigning.verify(r, Map.of("certificate", check));
      if (checks.isEmpty() || !checks.stream().allMatch(SignatureCheck::verified)) {
        throw new MarException("the signed partial does not verify with the certificate");
      }
    }
  }
}
