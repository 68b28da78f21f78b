/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads RSA keys for MAR signing and verification from the files people actually have: PEM private
 * keys (PKCS#8 {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE KEY}), and PEM or DER public keys
 * ({@code PUBLIC KEY}, {@code RSA PUBLIC KEY}) or X.509 certificates. Encrypted keys are not
 * supported.
 */
public final class MarKeys {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
  private static final byte[] RSA_ALGORITHM_ID = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private MarKeys() {}

  /** Reads an RSA private key from a PEM file. */
  public static RSAPrivateKey readPrivateKey(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      String type = m.group(1);
      byte[] der = base64(m.group(2), file);
      try {
        KeyFactory kf = KeyFactory.getInstance("RSA");
        switch (type) {
          case "PRIVATE KEY":
            return (RSAPrivateKey) kf.generatePrivate(new PKCS8EncodedKeySpec(der));
          case "RSA PRIVATE KEY":
            return (RSAPrivateKey) kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs1ToPkcs8(der)));
          case "ENCRYPTED PRIVATE KEY":
            throw new MarException(file + ": encrypted private keys are not supported");
          default:
            break;
        }
      } catch (GeneralSecurityException | ClassCastException e) {
        throw new MarException(file + ": not a usable RSA private key: " + e.getMessage(), e);
      }
    }
    throw new MarException(file + ": no PEM RSA private key found");
  }

  /** Reads an RSA public key from a PEM or DER public key or X.509 certificate. */
  public static RSAPublicKey readPublicKey(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    Matcher m = PEM.matcher(text);
    try {
      while (m.find()) {
        byte[] der = base64(m.group(2), file);
        switch (m.group(1)) {
          case "PUBLIC KEY":
            return rsa(
                KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)), file);
          case "RSA PUBLIC KEY":
            return rsa(
                KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(pkcs1ToSpki(der))),
                file);
          case "CERTIFICATE":
            return rsa(certificateKey(der), file);
          default:
            break;
        }
      }
      if (text.contains("-----BEGIN")) {
        throw new MarException(file + ": no PEM public key or certificate found");
      }
      try {
        return rsa(
            KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(bytes)), file);
      } catch (GeneralSecurityException notSpki) {
        return rsa(certificateKey(bytes), file);
      }
    } catch (GeneralSecurityException e) {
      throw new MarException(file + ": not an RSA public key or certificate: " + e.getMessage(), e);
    }
  }

  private static PublicKey certificateKey(byte[] der) throws GeneralSecurityException {
    return CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(der))
        .getPublicKey();
  }

  private static RSAPublicKey rsa(PublicKey k, Path file) throws MarException {
    if (k instanceof RSAPublicKey r) {
      return r;
    }
    throw new MarException(file + ": key is " + k.getAlgorithm() + ", not RSA");
  }

  private static byte[] base64(String body, Path file) throws MarException {
    try {
      return Base64.getMimeDecoder().decode(body.trim());
    } catch (IllegalArgumentException e) {
      throw new MarException(file + ": bad base64 in PEM block");
    }
  }

  /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING { RSAPrivateKey } }. */
  private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM_ID);
    body.writeBytes(der(0x04, pkcs1));
    return der(0x30, body.toByteArray());
  }

  /** SubjectPublicKeyInfo { rsaEncryption, BIT STRING { RSAPublicKey } }. */
  private static byte[] pkcs1ToSpki(byte[] pkcs1) {
    byte[] bits = new byte[pkcs1.length + 1];
    System.arraycopy(pkcs1, 0, bits, 1, pkcs1.length);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(RSA_ALGORITHM_ID);
    body.writeBytes(der(0x03, bits));
    return der(0x30, body.toByteArray());
  }

  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n > 0xFFFFFF ? 4 : n > 0xFFFF ? 3 : n > 0xFF ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(n >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
