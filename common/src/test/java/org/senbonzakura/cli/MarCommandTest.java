/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.mar.MarEntry;
import org.senbonzakura.mar.MarReader;
import org.senbonzakura.mar.MarTestFiles;

class MarCommandTest {
  @TempDir Path tmp;

  record Result(int status, String out, String err) {}

  static Result sbz(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> argv = new ArrayList<>(List.of("mar"));
    argv.addAll(Arrays.asList(args));
    int status =
        Sbz.run(
            argv,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void assertCleanFailure(Result r) {
    assertNotEquals(0, r.status());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void verifiesMardorSha1Signature() {
    Result r =
        sbz(
            "verify",
            MarTestFiles.mardor("test-bz2.mar").toString(),
            "--key",
            MarTestFiles.mardor("test.pubkey").toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("RSA-PKCS1-SHA1"), r.out());
    assertTrue(r.out().contains("verified with"), r.out());
  }

  @Test
  void verifyFailsWithAnotherKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    Path pub = tmp.resolve("other.pem");
    Files.writeString(pub, pem("PUBLIC KEY", g.generateKeyPair().getPublic().getEncoded()));
    Result r =
        sbz("verify", "--key", pub.toString(), MarTestFiles.mardor("test-bz2.mar").toString());
    assertCleanFailure(r);
    assertTrue(r.out().contains("NOT verified"), r.out());
    // an unsigned MAR does not "verify" either
    assertCleanFailure(
        sbz("verify", "--key", pub.toString(), MarTestFiles.mardor("test-xz.mar").toString()));
  }

  @Test
  void listsGoldenPartialAsJson() {
    Result r = sbz("list", "--json", MarTestFiles.golden("a-b.partial.mar").toString());
    assertEquals(0, r.status(), r.err());
    assertEquals(22, count(r.out(), "\"name\":"));
    Result d = sbz("list", "-T", "--json", MarTestFiles.mardor("test-bz2.mar").toString());
    assertTrue(d.out().contains("\"channel\":\"thunderbird-comm-esr\""), d.out());
    assertTrue(d.out().contains("\"algorithmId\":1"), d.out());
    Result t = sbz("list", "--detailed", MarTestFiles.mardor("test-xz.mar").toString());
    assertTrue(t.out().contains("Product version: 100.0"), t.out());
    assertEquals(5, count(t.out(), "\t0")); // one row per entry
  }

  @Test
  void extractsMardorMars() throws IOException {
    for (String name : List.of("test-xz.mar", "test-bz2.mar")) {
      Path dir = tmp.resolve(name);
      Result r = sbz("extract", "-C", dir.toString(), MarTestFiles.mardor(name).toString());
      assertEquals(0, r.status(), r.err());
      assertTrue(Files.readString(dir.resolve("update-settings.ini")).contains("[Settings]"));
    }
    assertArrayEquals(
        Files.readAllBytes(tmp.resolve("test-xz.mar/update.manifest")),
        Files.readAllBytes(tmp.resolve("test-bz2.mar/update.manifest")));
  }

  @Test
  void createThenExtractRoundTrips() throws IOException {
    Path src = tmp.resolve("src");
    Files.createDirectories(src.resolve("bin"));
    Files.createDirectories(src.resolve("données"));
    Files.writeString(src.resolve("bin/tool"), "#!/bin/sh\necho hi\n".repeat(100));
    Files.setPosixFilePermissions(
        src.resolve("bin/tool"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.write(src.resolve("empty"), new byte[0]);
    Files.writeString(src.resolve("données/日本.txt"), "utf-8 name");
    for (String[] variant :
        List.of(
            new String[] {"--arch", "x86_64"},
            new String[] {"--arch", "aarch64"},
            new String[] {"--legacy"})) {
      Path mar = tmp.resolve("out-" + variant[variant.length - 1] + ".mar");
      List<String> args =
          new ArrayList<>(List.of("create", "-H", "sbz-test", "-V", "9.0", "-C", src.toString()));
      args.addAll(Arrays.asList(variant));
      args.addAll(List.of(mar.toString(), "bin", "empty", "données/日本.txt"));
      Result c = sbz(args.toArray(String[]::new));
      assertEquals(0, c.status(), c.err());
      try (MarReader r = MarReader.open(mar)) {
        assertEquals(
            List.of("bin/tool", "empty", "données/日本.txt"),
            r.entries().stream().map(MarEntry::name).toList());
        assertEquals(0755, r.entry("bin/tool").orElseThrow().mode());
        assertEquals(0644, r.entry("empty").orElseThrow().mode());
        byte[] raw = MarTestFiles.raw(r, r.entry("bin/tool").orElseThrow());
        if (variant[0].equals("--legacy")) {
          assertEquals('B', raw[0]);
        } else {
          // xz block header's first filter: x86 BCJ (0x04) only for x86 targets
          assertEquals(variant[1].equals("x86_64") ? 0x04 : 0x21, raw[14]);
        }
      }
      Path out = tmp.resolve("x-" + variant[variant.length - 1]);
      Result x = sbz("extract", "-C", out.toString(), mar.toString());
      assertEquals(0, x.status(), x.err());
      for (String f : List.of("bin/tool", "empty", "données/日本.txt")) {
        assertArrayEquals(
            Files.readAllBytes(src.resolve(f)), Files.readAllBytes(out.resolve(f)), f);
      }
      assertTrue(Files.isExecutable(out.resolve("bin/tool")));
      Result raw = sbz("extract", "--raw", "-C", tmp.resolve("raw").toString(), mar.toString());
      assertEquals(0, raw.status());
    }
  }

  @Test
  void extractRefusesHostileNames() throws Exception {
    Path hostile =
        Path.of(MarCommandTest.class.getResource("/mar/hostile/name-dot-dot.mar").toURI());
    Path dir = tmp.resolve("x");
    Result r = sbz("extract", "-C", dir.toString(), hostile.toString());
    assertCleanFailure(r);
    assertTrue(r.err().contains(".."), r.err());
    assertFalse(Files.exists(tmp.resolve("x")) && Files.list(dir).findAny().isPresent());
  }

  @Test
  void signStripAndMoveSignatures() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair a = g.generateKeyPair();
    KeyPair b = g.generateKeyPair();
    Path keyA = tmp.resolve("a.key");
    Path keyB = tmp.resolve("b.key");
    Path pubA = tmp.resolve("a.pub");
    Path pubB = tmp.resolve("b.pub");
    Files.writeString(keyA, pem("PRIVATE KEY", a.getPrivate().getEncoded()));
    Files.writeString(keyB, pem("PRIVATE KEY", b.getPrivate().getEncoded()));
    Files.writeString(pubA, pem("PUBLIC KEY", a.getPublic().getEncoded()));
    Files.writeString(pubB, pem("PUBLIC KEY", b.getPublic().getEncoded()));
    Path unsigned = MarTestFiles.mardor("test-xz.mar");
    Path sa = tmp.resolve("sa.mar");
    Path sb = tmp.resolve("sb.mar");
    assertEquals(
        0, sbz("sign", "--key", keyA.toString(), unsigned.toString(), sa.toString()).status());
    assertEquals(
        0, sbz("sign", "--key", keyB.toString(), unsigned.toString(), sb.toString()).status());
    assertEquals(0, sbz("verify", "--key", pubA.toString(), sa.toString()).status());
    assertCleanFailure(sbz("verify", "--key", pubB.toString(), sa.toString()));
    Path sig = tmp.resolve("b.b64");
    assertEquals(0, sbz("signature", "export", sb.toString(), sig.toString()).status());
    Result printed = sbz("signature", "export", "-n", "0", sb.toString());
    assertEquals(Files.readString(sig).strip(), printed.out().strip());
    assertEquals(256, Base64.getDecoder().decode(printed.out().strip()).length);
    Path imported = tmp.resolve("imported.mar");
    assertEquals(
        0,
        sbz("signature", "import", "-n", "0", sa.toString(), sig.toString(), imported.toString())
            .status());
    assertArrayEquals(Files.readAllBytes(sb), Files.readAllBytes(imported));
    assertCleanFailure(sbz("signature", "export", "-n", "3", sb.toString()));
    Path stripped = tmp.resolve("stripped.mar");
    assertEquals(0, sbz("strip", sa.toString(), stripped.toString()).status());
    assertArrayEquals(Files.readAllBytes(unsigned), Files.readAllBytes(stripped));
    assertCleanFailure(
        sbz("sign", "--key", keyA.toString(), sa.toString(), tmp.resolve("again.mar").toString()));
  }

  @Test
  void failuresAreOneLine() throws Exception {
    Path hostile =
        Path.of(MarCommandTest.class.getResource("/mar/hostile/size-mismatch.mar").toURI());
    Result r = sbz("list", hostile.toString());
    assertCleanFailure(r);
    assertTrue(r.err().contains("stored total size"), r.err());
    assertCleanFailure(sbz("list", tmp.resolve("missing.mar").toString()));
    assertEquals(2, sbz("frobnicate").status());
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
