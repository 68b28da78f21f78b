/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signing, verifying and editing MAR signatures. The signed data is every byte of the file except
 * the signature bytes themselves (section 1.8 of the spec), hashed as a stream; signers receive
 * only the digest.
 */
public final class MarSigning {
  private MarSigning() {}

  /** The digest a signature of this algorithm covers, computed by streaming over the file. */
  public static byte[] digest(MarReader mar, SignatureAlgorithm algorithm) throws IOException {
    if (mar.layout() == MarLayout.LEGACY) {
      throw new MarException("a legacy MAR has no signature block and cannot be signed");
    }
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(algorithm.digestName());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long pos = 0;
    for (MarSignature s : mar.signatures()) {
      feed(md, mar, pos, s.offset() - pos);
      pos = s.offset() + s.length();
    }
    feed(md, mar, pos, mar.size() - pos);
    return md.digest();
  }

  private static void feed(MessageDigest md, MarReader mar, long offset, long length)
      throws IOException {
    byte[] buf = new byte[256 * 1024];
    try (InputStream in = mar.openRange(offset, length)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
  }

  /**
   * Signs the unsigned MAR {@code in} into {@code out} with one signature per signer, in order,
   * like {@code signmar -s}: the MAR is laid out again with placeholder signatures, hashed, and the
   * signatures written over the placeholders.
   */
  public static void sign(Path in, Path out, List<? extends DigestSigner> signers)
      throws IOException {
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("no signers");
    }
    Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".sbz-sign", ".mar");
    try {
      long[] offsets;
      try (MarReader r = MarReader.open(in)) {
        if (!r.signatures().isEmpty()) {
          throw new MarException("MAR is already signed; strip its signatures first");
        }
        List<MarRelayout.Sig> placeholders = new ArrayList<>();
        for (DigestSigner s : signers) {
          placeholders.add(new MarRelayout.Sig(s.algorithm().id(), new byte[s.signatureLength()]));
        }
        offsets = MarRelayout.write(r, tmp, placeholders);
      }
      List<byte[]> signatures = new ArrayList<>();
      try (MarReader placed = MarReader.open(tmp)) {
        for (DigestSigner s : signers) {
          byte[] sig = s.sign(digest(placed, s.algorithm()));
          if (sig.length != s.signatureLength()) {
            throw new MarException(
                "signer returned " + sig.length + " bytes, announced " + s.signatureLength());
          }
          signatures.add(sig);
        }
      } catch (GeneralSecurityException e) {
        throw new MarException("signing failed: " + e.getMessage(), e);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        for (int i = 0; i < signatures.size(); i++) {
          ch.write(ByteBuffer.wrap(signatures.get(i)), offsets[i]);
        }
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Checks every signature against every key; a signature is verified when some key of a matching
   * algorithm verifies it. Keys are named by the map's keys, in iteration order.
   */
  public static List<SignatureCheck> verify(MarReader mar, Map<String, RSAPublicKey> keys)
      throws IOException {
    List<SignatureCheck> out = new ArrayList<>();
    for (int i = 0; i < mar.signatures().size(); i++) {
      MarSignature s = mar.signatures().get(i);
      Optional<SignatureAlgorithm> alg = SignatureAlgorithm.byId(s.algorithmId());
      if (alg.isEmpty()) {
        out.add(
            new SignatureCheck(
                i, s.algorithmId(), Optional.empty(), Optional.of("unknown algorithm id")));
        continue;
      }
      byte[] digest = digest(mar, alg.get());
      Optional<String> by = Optional.empty();
      for (Map.Entry<String, RSAPublicKey> k : keys.entrySet()) {
        if (verifies(k.getValue(), alg.get(), digest, s.bytes())) {
          by = Optional.of(k.getKey());
          break;
        }
      }
      out.add(new SignatureCheck(i, s.algorithmId(), by, Optional.empty()));
    }
    return out;
  }

  private static boolean verifies(
      RSAPublicKey key, SignatureAlgorithm alg, byte[] digest, byte[] signature) {
    try {
      Signature v = Signature.getInstance("NONEwithRSA");
      v.initVerify(key);
      v.update(DigestInfo.encode(alg, digest));
      return v.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // wrong key size and the like: simply not verified by this key
    }
  }

  /** Copies {@code in} to {@code out} without signatures, like {@code signmar -r}. */
  public static void strip(Path in, Path out) throws IOException {
    Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".sbz-strip", ".mar");
    try {
      try (MarReader r = MarReader.open(in)) {
        if (r.layout() == MarLayout.LEGACY) {
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING); // nothing to strip
        } else {
          MarRelayout.write(r, tmp, List.of());
        }
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Signature {@code index} as base64, like {@code signmar -nI -X}. */
  public static String exportSignature(MarReader mar, int index) throws MarException {
    if (index < 0 || index >= mar.signatures().size()) {
      throw new MarException("no signature " + index + "; the MAR has " + mar.signatures().size());
    }
    return Base64.getEncoder().encodeToString(mar.signatures().get(index).bytes());
  }

  /**
   * Copies {@code in} to {@code out} with signature {@code index} replaced by {@code signature},
   * which must have exactly the stored length, like {@code signmar -nI -I}.
   */
  public static void importSignature(Path in, int index, byte[] signature, Path out)
      throws IOException {
    long offset;
    try (MarReader r = MarReader.open(in)) {
      if (index < 0 || index >= r.signatures().size()) {
        throw new MarException("no signature " + index + "; the MAR has " + r.signatures().size());
      }
      MarSignature s = r.signatures().get(index);
      if (s.length() != signature.length) {
        throw new MarException(
            "signature is "
                + signature.length
                + " bytes; signature "
                + index
                + " of the MAR has "
                + s.length());
      }
      offset = s.offset();
    }
    Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".sbz-import", ".mar");
    try {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(signature), offset);
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
