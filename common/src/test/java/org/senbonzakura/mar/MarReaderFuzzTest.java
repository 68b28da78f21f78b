/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.senbonzakura.compress.EntryCodecs;
import org.senbonzakura.compress.EntryDecodeException;

/**
 * Fuzzes the reader with mutated valid MARs: whatever the bytes, opening either succeeds or fails
 * with {@link MarFormatException}, and reading, decoding and verifying the entries of anything that
 * opens fails only with the project's own exceptions. CI runs a few hundred tries; {@code
 * -Dsbz.fuzz.minutes=N} runs {@link #longFuzz()} for N minutes (see docs/fuzzing-mar.md).
 */
class MarReaderFuzzTest {
  private static final List<byte[]> SEEDS = seeds();

  /** One mutation: what to do, where (mode picks header, index or anywhere), with what. */
  record Mutation(int kind, int where, int position, long value, int length) {}

  @Property(tries = 300)
  void mutatedMarsFailOnlyWithProjectExceptions(@ForAll("mutatedMars") byte[] mar) {
    check(mar);
  }

  /** The soak: left out of the build by its tag, run on demand (docs/fuzzing-mar.md). */
  @Test
  @Tag("soak")
  void longFuzz() throws IOException {
    double minutes = Double.parseDouble(System.getProperty("sbz.fuzz.minutes", "1"));
    long end = System.nanoTime() + (long) (minutes * 60e9);
    long tries = 0;
    long opened = 0;
    Iterator<byte[]> it = mutatedMars().sampleStream().iterator();
    while (System.nanoTime() < end) {
      byte[] mar = it.next();
      try {
        if (check(mar)) {
          opened++;
        }
      } catch (AssertionError e) {
        Path dump = Files.createTempFile("sbz-fuzz-failure", ".mar");
        Files.write(dump, mar);
        throw new AssertionError(e.getMessage() + " (input saved to " + dump + ")", e);
      }
      tries++;
    }
    System.out.printf(
        "MarReaderFuzzTest.longFuzz: %d tries in %.1f minutes, %d opened, no failures%n",
        tries, minutes, opened);
    assertTrue(tries > 0);
  }

  /** Returns whether the MAR opened; fails on any exception outside the contract. */
  static boolean check(byte[] mar) {
    MarReader r;
    try {
      r = MarTestFiles.open(mar);
    } catch (MarFormatException expected) {
      return false;
    } catch (Throwable t) {
      fail("open threw " + t, t);
      return false;
    }
    try (r) {
      for (MarEntry e : r.entries()) {
        MarTestFiles.raw(r, e);
        try (InputStream in = r.openDecoded(e, 1 << 20)) {
          in.transferTo(OutputStreamSink.INSTANCE);
        } catch (EntryDecodeException expected) {
          // corrupt or oversized entry data is reported, not thrown as something else
        }
      }
      if (r.layout() == MarLayout.CURRENT) {
        MarSigning.verify(r, Map.of("test", testKey()));
      }
    } catch (Throwable t) {
      fail("reading an opened MAR threw " + t, t);
    }
    return true;
  }

  @Provide
  static Arbitrary<byte[]> mutatedMars() {
    Arbitrary<Mutation> mutation =
        Combinators.combine(
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.oneOf(
                    Arbitraries.of(
                        0L, 1L, 7L, 8L, 12L, 13L, 20L, 24L, 104L, 128L, 0x7FFFFFFFL, 0xFFFFFFFFL),
                    Arbitraries.longs().between(0, 0xFFFFFFFFL)),
                Arbitraries.integers().between(1, 64))
            .as(Mutation::new);
    return Combinators.combine(
            Arbitraries.integers().between(0, SEEDS.size() - 1),
            mutation.list().ofMinSize(1).ofMaxSize(6))
        .as((seed, ms) -> mutate(SEEDS.get(seed), ms));
  }

  static byte[] mutate(byte[] seed, List<Mutation> mutations) {
    byte[] b = seed.clone();
    for (Mutation m : mutations) {
      if (b.length == 0) {
        break;
      }
      int pos = position(b, m);
      switch (m.kind()) {
        case 0 -> b[pos] ^= (byte) (1 << (m.value() & 7));
        case 1 -> b[pos] = (byte) m.value();
        case 2, 3 -> {
          // overwrite a big-endian u32 field (twice as likely: most fields are u32)
          if (pos + 4 <= b.length) {
            ByteBuffer.wrap(b)
                .putInt(pos, (int) (m.kind() == 2 ? m.value() : b.length + m.length() - 32));
          }
        }
        case 4 -> b = Arrays.copyOf(b, pos);
        case 5 -> {
          byte[] n = new byte[b.length + m.length()];
          System.arraycopy(b, 0, n, 0, pos);
          Arrays.fill(n, pos, pos + m.length(), (byte) m.value());
          System.arraycopy(b, pos, n, pos + m.length(), b.length - pos);
          b = n;
        }
        case 6 -> {
          int len = Math.min(m.length(), b.length - pos);
          byte[] n = new byte[b.length - len];
          System.arraycopy(b, 0, n, 0, pos);
          System.arraycopy(b, pos + len, n, pos, b.length - pos - len);
          b = n;
        }
        default -> {
          int len = Math.min(m.length(), b.length - pos);
          int to = (int) (m.value() % b.length);
          System.arraycopy(b, pos, b, Math.min(to, b.length - len), len);
        }
      }
    }
    return b;
  }

  private static int position(byte[] b, Mutation m) {
    int n = b.length;
    return switch (m.where()) {
      case 0 -> m.position() % Math.min(n, 160); // header, signatures, product information
      case 1 -> n - 1 - m.position() % Math.min(n, 600); // the index at the end
      default -> m.position() % n;
    };
  }

  private static List<byte[]> seeds() {
    try {
      List<byte[]> s = new ArrayList<>();
      s.add(Files.readAllBytes(MarTestFiles.mardor("test-xz.mar")));
      s.add(Files.readAllBytes(MarTestFiles.mardor("test-bz2.mar")));
      s.add(Files.readAllBytes(MarTestFiles.golden("a-b.partial.mar")));
      s.add(small(MarWriteOptions.of("sbz-fuzz", "1.0"), false));
      s.add(small(MarWriteOptions.legacy(), true));
      return s;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] small(MarWriteOptions o, boolean bzip2) throws IOException {
    ByteArrayChannel ch = new ByteArrayChannel();
    try (MarWriter w = MarWriter.create(ch, o)) {
      String[] names = {"updatev3.manifest", "a/b.txt", "empty", "bin/x"};
      for (String n : names) {
        byte[] data = (n + "\n").repeat(n.length()).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        if (bzip2) {
          EntryCodecs.compressBzip2(new ByteArrayInputStream(data), c);
        } else {
          EntryCodecs.compressXz(new ByteArrayInputStream(data), c, n.startsWith("bin"));
        }
        w.addEntry(n, 0644, new ByteArrayInputStream(c.toByteArray()));
      }
      w.finish();
    }
    return ch.toByteArray();
  }

  private static RSAPublicKey key;

  private static synchronized RSAPublicKey testKey() throws IOException {
    if (key == null) {
      key = MarKeys.readPublicKey(MarTestFiles.mardor("test.pubkey"));
    }
    return key;
  }

  /** Discards output. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
