/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.senbonzakura.mar.DigestSigner;
import org.senbonzakura.mar.MarException;
import org.senbonzakura.mar.MarKeys;
import org.senbonzakura.mar.MarReader;
import org.senbonzakura.mar.MarSignature;
import org.senbonzakura.mar.MarSigning;
import org.senbonzakura.mar.RsaDigestSigner;
import org.senbonzakura.mar.SignatureCheck;

/** {@code sbz mar sign|verify|strip|signature}. */
final class MarSignCommands {
  private MarSignCommands() {}

  static int sign(List<String> argv, PrintStream out) throws Exception {
    Args a = Args.parse(argv, Set.of(), Set.of("--key"));
    List<String> p = a.positionals(2, 2);
    if (a.all("--key").isEmpty()) {
      throw new UsageException("sign needs at least one --key PRIVATE.pem");
    }
    List<DigestSigner> signers = new ArrayList<>();
    for (String k : a.all("--key")) {
      signers.add(RsaDigestSigner.of(MarKeys.readPrivateKey(Path.of(k))));
    }
    MarSigning.sign(Path.of(p.get(0)), Path.of(p.get(1)), signers);
    for (DigestSigner s : signers) {
      out.println(
          "signed with " + s.algorithm().displayName() + " (" + s.signatureLength() + " bytes)");
    }
    return 0;
  }

  static int verify(List<String> argv, PrintStream out) throws Exception {
    Args a = Args.parse(argv, Set.of("--json"), Set.of("--key"));
    Path file = Path.of(a.positionals(1, 1).get(0));
    if (a.all("--key").isEmpty()) {
      throw new UsageException("verify needs at least one --key");
    }
    Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
    for (String k : a.all("--key")) {
      keys.put(k, MarKeys.readPublicKey(Path.of(k)));
    }
    List<SignatureCheck> checks;
    List<MarSignature> sigs;
    try (MarReader r = MarReader.open(file)) {
      checks = MarSigning.verify(r, keys);
      sigs = r.signatures();
    }
    boolean all = !checks.isEmpty() && checks.stream().allMatch(SignatureCheck::verified);
    if (a.has("--json")) {
      List<Object> l = new ArrayList<>();
      for (SignatureCheck c : checks) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", c.index());
        m.put("algorithmId", c.algorithmId());
        m.put("algorithm", c.algorithmName());
        m.put("length", sigs.get(c.index()).length());
        m.put("verified", c.verified());
        m.put("key", c.verifiedBy().orElse(null));
        l.add(m);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", file.toString());
      m.put("verified", all);
      m.put("signatures", l);
      out.println(MarJson.write(m));
    } else {
      for (SignatureCheck c : checks) {
        out.println(
            "signature "
                + c.index()
                + " ("
                + c.algorithmName()
                + ", "
                + sigs.get(c.index()).length()
                + " bytes): "
                + c.verifiedBy()
                    .map(k -> "verified with " + k)
                    .orElse("NOT verified" + c.note().map(n -> " (" + n + ")").orElse("")));
      }
    }
    if (checks.isEmpty()) {
      throw new MarException(file + " has no signatures");
    }
    if (!all) {
      long bad = checks.stream().filter(c -> !c.verified()).count();
      throw new MarException(
          bad + " of " + checks.size() + " signatures did not verify with the given keys");
    }
    return 0;
  }

  static int strip(List<String> argv, PrintStream out) throws Exception {
    List<String> p = Args.parse(argv, Set.of(), Set.of()).positionals(2, 2);
    MarSigning.strip(Path.of(p.get(0)), Path.of(p.get(1)));
    return 0;
  }

  static int signature(List<String> argv, PrintStream out) throws Exception {
    if (argv.isEmpty()) {
      throw new UsageException("signature needs export or import");
    }
    Args a = Args.parse(argv.subList(1, argv.size()), Set.of("--json"), Set.of("-n"));
    int index;
    try {
      index = Integer.parseInt(a.get("-n", "0"));
    } catch (NumberFormatException e) {
      throw new UsageException("-n needs a signature index");
    }
    switch (argv.get(0)) {
      case "export" -> {
        List<String> p = a.positionals(1, 2);
        String b64;
        try (MarReader r = MarReader.open(Path.of(p.get(0)))) {
          b64 = MarSigning.exportSignature(r, index);
        }
        if (p.size() == 2) {
          Files.writeString(Path.of(p.get(1)), b64 + "\n", StandardCharsets.US_ASCII);
        } else if (a.has("--json")) {
          out.println(MarJson.write(Map.of("index", index, "signature", b64)));
        } else {
          out.println(b64);
        }
        return 0;
      }
      case "import" -> {
        List<String> p = a.positionals(3, 3);
        byte[] sig;
        try {
          sig =
              Base64.getMimeDecoder()
                  .decode(Files.readString(Path.of(p.get(1)), StandardCharsets.US_ASCII).trim());
        } catch (IllegalArgumentException e) {
          throw new MarException(p.get(1) + ": not base64");
        }
        MarSigning.importSignature(Path.of(p.get(0)), index, sig, Path.of(p.get(2)));
        return 0;
      }
      default ->
          throw new UsageException("signature needs export or import, not '" + argv.get(0) + "'");
    }
  }
}
