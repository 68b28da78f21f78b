/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarSigningTest {
  private static KeyPair rsa2048;
  private static KeyPair rsa2048b;
  private static KeyPair rsa4096;

  @TempDir Path tmp;

  @BeforeAll
  static void keys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    rsa2048 = g.generateKeyPair();
    rsa2048b = g.generateKeyPair();
    g.initialize(4096);
    rsa4096 = g.generateKeyPair();
  }

  @Test
  void mardorSha1SignatureVerifiesWithItsKeyOnly() throws IOException {
    RSAPublicKey good = MarKeys.readPublicKey(MarTestFiles.mardor("test.pubkey"));
    try (MarReader r = MarReader.open(MarTestFiles.mardor("test-bz2.mar"))) {
      List<SignatureCheck> ok = MarSigning.verify(r, Map.of("test.pubkey", good));
      assertEquals(1, ok.size());
      assertEquals(Optional.of("test.pubkey"), ok.get(0).verifiedBy());
      assertEquals("RSA-PKCS1-SHA1", ok.get(0).algorithmName());
      List<SignatureCheck> bad =
          MarSigning.verify(r, Map.of("other", (RSAPublicKey) rsa2048.getPublic()));
      assertFalse(bad.get(0).verified());
    }
  }

  @Test
  void tamperingBreaksTheMardorSignature() throws IOException {
    byte[] b = Files.readAllBytes(MarTestFiles.mardor("test-bz2.mar"));
    b[b.length - 2] ^= 1; // a byte of the last entry name in the index
    RSAPublicKey good = MarKeys.readPublicKey(MarTestFiles.mardor("test.pubkey"));
    try (MarReader r = MarTestFiles.open(b)) {
      assertFalse(MarSigning.verify(r, Map.of("k", good)).get(0).verified());
    }
  }

  @Test
  void signsAndVerifiesWith2048And4096BitKeys() throws IOException {
    Path unsigned = unsignedMar();
    for (KeyPair kp : List.of(rsa2048, rsa4096)) {
      Path signed = tmp.resolve("signed.mar");
      MarSigning.sign(
          unsigned, signed, List.of(RsaDigestSigner.of((RSAPrivateKey) kp.getPrivate())));
      int bits = ((RSAPublicKey) kp.getPublic()).getModulus().bitLength();
      try (MarReader r = MarReader.open(signed);
          MarReader u = MarReader.open(unsigned)) {
        assertEquals(1, r.signatures().size());
        assertEquals(bits == 2048 ? 1 : 2, r.signatures().get(0).algorithmId());
        assertEquals(bits / 8, r.signatures().get(0).length());
        // data moved by the signature block; 648 for one 512-byte signature, as Mozilla's
        assertEquals(20 + 8 + bits / 8 + 4 + 104, r.entries().get(0).offset());
        Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
        keys.put("wrong", (RSAPublicKey) rsa2048b.getPublic());
        keys.put("right", (RSAPublicKey) kp.getPublic());
        assertEquals(Optional.of("right"), MarSigning.verify(r, keys).get(0).verifiedBy());
        for (MarEntry e : u.entries()) {
          assertArrayEquals(
              MarTestFiles.decoded(u, e), MarTestFiles.decoded(r, r.entry(e.name()).orElseThrow()));
        }
      }
      // stripping gives back the unsigned MAR exactly
      Path stripped = tmp.resolve("stripped.mar");
      MarSigning.strip(signed, stripped);
      assertArrayEquals(Files.readAllBytes(unsigned), Files.readAllBytes(stripped));
    }
  }

  @Test
  void signsWithSeveralKeys() throws IOException {
    Path signed = tmp.resolve("two.mar");
    MarSigning.sign(
        unsignedMar(),
        signed,
        List.of(
            RsaDigestSigner.of((RSAPrivateKey) rsa4096.getPrivate()),
            RsaDigestSigner.of((RSAPrivateKey) rsa2048.getPrivate())));
    try (MarReader r = MarReader.open(signed)) {
      List<SignatureCheck> c =
          MarSigning.verify(
              r,
              Map.of(
                  "k4096", (RSAPublicKey) rsa4096.getPublic(),
                  "k2048", (RSAPublicKey) rsa2048.getPublic()));
      assertEquals(Optional.of("k4096"), c.get(0).verifiedBy());
      assertEquals(Optional.of("k2048"), c.get(1).verifiedBy());
    }
  }

  @Test
  void refusesToResignAndOddKeySizes() throws IOException, GeneralSecurityException {
    Path signed = tmp.resolve("s.mar");
    MarSigning.sign(
        unsignedMar(), signed, List.of(RsaDigestSigner.of((RSAPrivateKey) rsa2048.getPrivate())));
    assertThrows(
        MarException.class,
        () ->
            MarSigning.sign(
                signed,
                tmp.resolve("again.mar"),
                List.of(RsaDigestSigner.of((RSAPrivateKey) rsa2048.getPrivate()))));
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    assertThrows(
        MarException.class,
        () -> RsaDigestSigner.of((RSAPrivateKey) g.generateKeyPair().getPrivate()));
  }

  @Test
  void exportAndImportSignatureLikeMarXAndMarI() throws IOException {
    Path unsigned = unsignedMar();
    Path a = tmp.resolve("a.mar");
    Path b = tmp.resolve("b.mar");
    MarSigning.sign(unsigned, a, List.of(RsaDigestSigner.of((RSAPrivateKey) rsa2048.getPrivate())));
    MarSigning.sign(
        unsigned, b, List.of(RsaDigestSigner.of((RSAPrivateKey) rsa2048b.getPrivate())));
    String exported;
    try (MarReader rb = MarReader.open(b)) {
      exported = MarSigning.exportSignature(rb, 0);
    }
    Path imported = tmp.resolve("imported.mar");
    MarSigning.importSignature(a, 0, Base64.getDecoder().decode(exported), imported);
    assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(imported));
    assertThrows(
        MarException.class, () -> MarSigning.importSignature(a, 0, new byte[255], imported));
    assertThrows(
        MarException.class, () -> MarSigning.importSignature(a, 1, new byte[256], imported));
  }

  @Test
  void signsALegacyMarByUpgradingItsLayout() throws IOException {
    Path legacy = tmp.resolve("legacy.mar");
    Files.write(
        legacy, MarWriterTest.build(MarWriteOptions.legacy(), MarWriterTest.sampleFiles(), false));
    Path signed = tmp.resolve("legacy-signed.mar");
    MarSigning.sign(
        legacy, signed, List.of(RsaDigestSigner.of((RSAPrivateKey) rsa2048.getPrivate())));
    try (MarReader r = MarReader.open(signed)) {
      assertEquals(MarLayout.CURRENT, r.layout());
      assertTrue(
          MarSigning.verify(r, Map.of("k", (RSAPublicKey) rsa2048.getPublic())).get(0).verified());
      for (Map.Entry<String, byte[]> f : MarWriterTest.sampleFiles().entrySet()) {
        assertArrayEquals(f.getValue(), MarTestFiles.decoded(r, r.entry(f.getKey()).orElseThrow()));
      }
    }
  }

  @Test
  void readsPemKeysOfEveryKind() throws Exception {
    Path pkcs8 = tmp.resolve("k8.pem");
    Files.writeString(pkcs8, pem("PRIVATE KEY", rsa2048.getPrivate().getEncoded()));
    Path pkcs1 = tmp.resolve("k1.pem");
    Files.writeString(
        pkcs1, pem("RSA PRIVATE KEY", innerOctetString(rsa2048.getPrivate().getEncoded())));
    Path pub = tmp.resolve("pub.pem");
    Files.writeString(pub, pem("PUBLIC KEY", rsa2048.getPublic().getEncoded()));
    Path pubDer = tmp.resolve("pub.der");
    Files.write(pubDer, rsa2048.getPublic().getEncoded());
    RSAPublicKey expected = (RSAPublicKey) rsa2048.getPublic();
    assertEquals(rsa2048.getPrivate(), MarKeys.readPrivateKey(pkcs8));
    assertEquals(
        ((RSAPrivateKey) rsa2048.getPrivate()).getPrivateExponent(),
        MarKeys.readPrivateKey(pkcs1).getPrivateExponent());
    assertEquals(expected, MarKeys.readPublicKey(pub));
    assertEquals(expected, MarKeys.readPublicKey(pubDer));
    assertThrows(MarException.class, () -> MarKeys.readPrivateKey(pub));
  }

  @Test
  void verifiesAgainstAnX509Certificate() throws Exception {
    Path ks = tmp.resolve("ks.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(
        keytool,
        "-genkeypair",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-alias",
        "mar",
        "-dname",
        "CN=sbz test",
        "-keystore",
        ks.toString(),
        "-storepass",
        "changeit",
        "-storetype",
        "PKCS12",
        "-validity",
        "2");
    Path certPem = tmp.resolve("cert.pem");
    Path certDer = tmp.resolve("cert.der");
    run(
        keytool,
        "-exportcert",
        "-rfc",
        "-alias",
        "mar",
        "-keystore",
        ks.toString(),
        "-storepass",
        "changeit",
        "-file",
        certPem.toString());
    run(
        keytool,
        "-exportcert",
        "-alias",
        "mar",
        "-keystore",
        ks.toString(),
        "-storepass",
        "changeit",
        "-file",
        certDer.toString());
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    RSAPrivateKey key = (RSAPrivateKey) store.getKey("mar", "changeit".toCharArray());
    Path signed = tmp.resolve("c.mar");
    MarSigning.sign(unsignedMar(), signed, List.of(RsaDigestSigner.of(key)));
    try (MarReader r = MarReader.open(signed)) {
      assertTrue(
          MarSigning.verify(r, Map.of("pem", MarKeys.readPublicKey(certPem))).get(0).verified());
      assertTrue(
          MarSigning.verify(r, Map.of("der", MarKeys.readPublicKey(certDer))).get(0).verified());
    }
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", cmd));
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** The PKCS#1 key inside a PKCS#8 PrivateKeyInfo: its last element, an OCTET STRING. */
  static byte[] innerOctetString(byte[] pkcs8) {
    int[] pos = {0};
    header(pkcs8, pos); // outer SEQUENCE
    int version = header(pkcs8, pos); // version INTEGER
    pos[0] += version;
    int algorithm = header(pkcs8, pos); // AlgorithmIdentifier SEQUENCE
    pos[0] += algorithm;
    int len = header(pkcs8, pos); // OCTET STRING
    return Arrays.copyOfRange(pkcs8, pos[0], pos[0] + len);
  }

  private static int header(byte[] der, int[] pos) {
    pos[0]++; // tag
    int first = der[pos[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int len = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      len = (len << 8) | (der[pos[0]++] & 0xff);
    }
    return len;
  }

  private Path unsignedMar() throws IOException {
    Path p = tmp.resolve("unsigned.mar");
    Files.write(
        p,
        MarWriterTest.build(
            MarWriteOptions.of("sbz-test", "3.0"), MarWriterTest.sampleFiles(), true));
    return p;
  }
}
