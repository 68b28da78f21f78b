/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.senbonzakura.compress.EntryCodecs;
import org.senbonzakura.mar.MarEntry;
import org.senbonzakura.mar.MarExtractor;
import org.senbonzakura.mar.MarReader;
import org.senbonzakura.mar.MarSignature;
import org.senbonzakura.mar.ProductInfo;
import org.senbonzakura.mar.SignatureAlgorithm;

/** {@code sbz mar list} and {@code sbz mar extract}. */
final class MarReadCommands {
  private MarReadCommands() {}

  static int list(List<String> argv, PrintStream out) throws Exception {
    Args a = Args.parse(argv, Set.of("-T", "--detailed", "--json"), Set.of());
    Path file = Path.of(a.positionals(1, 1).get(0));
    boolean detailed = a.has("-T") || a.has("--detailed");
    try (MarReader r = MarReader.open(file)) {
      if (a.has("--json")) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("size", r.size());
        m.put("layout", r.layout().name().toLowerCase(java.util.Locale.ROOT));
        if (detailed) {
          m.put("productInfo", productInfo(r));
          m.put("signatures", signatures(r));
        }
        List<Object> entries = new ArrayList<>();
        for (MarEntry e : r.entries()) {
          Map<String, Object> em = new LinkedHashMap<>();
          em.put("name", e.name());
          em.put("offset", e.offset());
          em.put("length", e.length());
          em.put("mode", String.format("%04o", e.mode()));
          entries.add(em);
        }
        m.put("entries", entries);
        out.println(MarJson.write(m));
        return 0;
      }
      if (detailed) {
        out.println("Layout: " + r.layout().name().toLowerCase(java.util.Locale.ROOT));
        out.println("Signature block found with " + r.signatures().size() + " signatures");
        for (int i = 0; i < r.signatures().size(); i++) {
          MarSignature s = r.signatures().get(i);
          out.println(
              "  signature "
                  + i
                  + ": algorithm "
                  + s.algorithmId()
                  + " ("
                  + algorithmName(s.algorithmId())
                  + "), "
                  + s.length()
                  + " bytes");
        }
        r.productInfo()
            .ifPresentOrElse(
                p -> {
                  out.println("Product information block:");
                  out.println("  MAR channel name: " + p.channel());
                  out.println("  Product version: " + p.version());
                },
                () -> out.println("No product information block"));
        out.println();
      }
      out.println("SIZE\tMODE\tNAME");
      for (MarEntry e : r.entries()) {
        out.printf("%d\t0%o\t%s%n", e.length(), e.mode(), e.name());
      }
    }
    return 0;
  }

  static int extract(List<String> argv, PrintStream out) throws Exception {
    Args a = Args.parse(argv, Set.of("--raw", "--json"), Set.of("-C", "--limit"));
    Path file = Path.of(a.positionals(1, 1).get(0));
    Path dir = Path.of(a.get("-C", "."));
    long limit;
    try {
      limit = Long.parseLong(a.get("--limit", Long.toString(EntryCodecs.MAX_DECODED_SIZE)));
    } catch (NumberFormatException e) {
      throw new UsageException("--limit needs a number of bytes");
    }
    boolean raw = a.has("--raw");
    List<Object> written = new ArrayList<>();
    try (MarReader r = MarReader.open(file)) {
      MarExtractor x = new MarExtractor(dir);
      for (MarEntry e : r.entries()) {
        x.target(e.name()); // refuse unsafe names before writing anything
      }
      for (MarEntry e : r.entries()) {
        Path p = x.extract(r, e, raw, limit);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("path", p.toString());
        m.put("mode", String.format("%04o", e.mode()));
        m.put("size", java.nio.file.Files.size(p));
        written.add(m);
      }
    }
    if (a.has("--json")) {
      out.println(MarJson.write(Map.of("extracted", written)));
    }
    return 0;
  }

  static Object productInfo(MarReader r) {
    if (r.productInfo().isEmpty()) {
      return null;
    }
    ProductInfo p = r.productInfo().get();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("channel", p.channel());
    m.put("version", p.version());
    return m;
  }

  static List<Object> signatures(MarReader r) {
    List<Object> l = new ArrayList<>();
    for (MarSignature s : r.signatures()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("algorithmId", s.algorithmId());
      m.put("algorithm", algorithmName(s.algorithmId()));
      m.put("length", s.length());
      l.add(m);
    }
    return l;
  }

  static String algorithmName(int id) {
    return SignatureAlgorithm.byId(id).map(SignatureAlgorithm::displayName).orElse("unknown");
  }
}
