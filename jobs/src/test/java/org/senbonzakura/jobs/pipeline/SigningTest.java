/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.senbonzakura.jobs.TestSpark;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.mar.MarKeys;
import org.senbonzakura.mar.MarReader;
import org.senbonzakura.mar.MarSigning;
import org.senbonzakura.mar.SignatureCheck;

/**
 * Signing in the pipeline: with a configured key every published partial carries a signature that
 * the matching public key verifies (and another key does not), the partial still applies, and the
 * results row says it is signed; a key path that does not exist fails every request with a reason
 * naming it.
 */
class SigningTest {
  private static Path work;
  private static Path requests;
  private static KeyPair keys;
  private static Path privatePem;
  private static Path publicPem;
  private static SparkSession spark;

  @BeforeAll
  static void setUp() throws Exception {
    work = Files.createTempDirectory("sbz-signing-");
    spark = TestSpark.session();
    requests = GoldenPair.requests(work, "de,fr");
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    keys = gen.generateKeyPair();
    privatePem = work.resolve("key.pem");
    publicPem = work.resolve("key.pub.pem");
    Files.writeString(privatePem, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    Files.writeString(publicPem, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static List<Row> run(Path root, String key, String certificate) throws Exception {
    JobConfig config =
        TestSpark.config(
            root, Map.of("sbz.signing.private-key", key, "sbz.signing.certificate", certificate));
    new Pipeline(spark, config).run(requests.toString(), "auto");
    return spark.read().format("delta").load(config.resultsTable).collectAsList();
  }

  @Test
  void publishedPartialsAreSignedWithTheConfiguredKey() throws Exception {
    List<Row> rows = run(work.resolve("signed"), privatePem.toString(), publicPem.toString());
    assertEquals(2, rows.size());
    RSAPublicKey pub = MarKeys.readPublicKey(publicPem);
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    RSAPublicKey other = (RSAPublicKey) gen.generateKeyPair().getPublic();
    for (Row r : rows) {
      assertEquals("done", r.getAs("status"), String.valueOf(r.<Object>getAs("error")));
      assertTrue(r.<Boolean>getAs("signed"));
      Path partial = Path.of(URI.create(r.getAs("partial_path")));
      assertEquals(Files.size(partial), r.<Long>getAs("partial_size"));
      try (MarReader m = MarReader.open(partial)) {
        List<SignatureCheck> checks = MarSigning.verify(m, Map.of("configured", pub));
        assertEquals(1, checks.size());
        assertTrue(checks.get(0).verified(), "the configured key verifies the signature");
        assertFalse(MarSigning.verify(m, Map.of("other", other)).get(0).verified());
      }
      GoldenPair.assertTurnsFromIntoTo(partial, work.resolve("install-" + r.getAs("locale")));
    }
  }

  @Test
  void aMissingKeyFailsEveryRequestWithItsPath() throws Exception {
    Path missing = work.resolve("no-such-key.pem");
    List<Row> rows = run(work.resolve("missing"), missing.toString(), "");
    assertEquals(2, rows.size());
    for (Row r : rows) {
      assertEquals("failed", r.getAs("status"));
      String error = r.getAs("error");
      assertTrue(error.contains("signing key") && error.contains("no-such-key.pem"), error);
      assertNull(r.getAs("partial_path"));
    }
  }
}
