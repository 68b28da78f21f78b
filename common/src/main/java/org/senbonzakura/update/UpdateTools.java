/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.senbonzakura.compress.EntryCodecs;
import org.senbonzakura.compress.XzEffort;
import org.senbonzakura.mar.MarEntry;
import org.senbonzakura.mar.MarReader;
import org.senbonzakura.mar.MarWriteOptions;
import org.senbonzakura.mar.MarWriter;
import org.senbonzakura.mar.ProductInfo;
import org.senbonzakura.mbdiff.MbDiffException;
import org.senbonzakura.mbdiff.MbPatch;

/**
 * The real implementations behind the assembly interfaces: sbz's MAR container ({@code mar}), entry
 * codecs ({@code compress}) and MBDIFF10 patcher ({@code mbdiff}). One place to change if any of
 * them moves.
 */
public final class UpdateTools {
  static {
    // XZ for Java allocates ~100 MB of match-finder arrays per stream at preset 6; reusing them
    // makes the many small entries of a MAR cheap (the cache holds soft references only).
    org.tukaani.xz.ArrayCache.setDefaultCache(org.tukaani.xz.BasicArrayCache.getInstance());
  }

  private UpdateTools() {}

  /**
   * The entry codec: XZ Utils' {@code xz} for xz compression when it is installed (Mozilla's own
   * bytes), else XZ for Java; set {@code SBZ_XZ=java} to force the latter. bzip2 and all decoding
   * are always in-process (decoding is bounded).
   */
  public static EntryCodec codec() {
    return Codec.INSTANCE;
  }

  /** True if xz entries are made by XZ Utils (then they match Mozilla's byte for byte). */
  public static boolean usesXzUtils() {
    return Codec.EXTERNAL != null;
  }

  public static MarIo marIo() {
    return Mars.INSTANCE;
  }

  /** MBDIFF10 patches applied in memory; a bad patch is a {@link PatchException}. */
  public static PatchFunction patcher() {
    return (source, patch) -> {
      try {
        return MbPatch.apply(source, patch);
      } catch (MbDiffException e) {
        throw new PatchException(e.getMessage(), e);
      }
    };
  }

  private enum Codec implements EntryCodec {
    INSTANCE;

    private static final ExternalXz EXTERNAL = ExternalXz.find();

    @Override
    public byte[] compress(byte[] data, EntryCompression c, boolean fullFile) throws IOException {
      return compress(data, c, fullFile, XzEffort.MOZILLA);
    }

    @Override
    public byte[] compress(byte[] data, EntryCompression c, boolean fullFile, XzEffort effort)
        throws IOException {
      if (c.xz() && EXTERNAL != null) {
        return EXTERNAL.compress(data, fullFile && c.bcj(), effort);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 3));
      if (c.xz()) {
        EntryCodecs.compressXz(new ByteArrayInputStream(data), out, fullFile && c.bcj(), effort);
      } else {
        EntryCodecs.compressBzip2(new ByteArrayInputStream(data), out);
      }
      return out.toByteArray();
    }

    @Override
    public byte[] compress(Path file, EntryCompression c, boolean fullFile) throws IOException {
      if (c.xz() && EXTERNAL != null) {
        return EXTERNAL.compress(file, fullFile && c.bcj());
      }
      return compress(java.nio.file.Files.readAllBytes(file), c, fullFile);
    }

    @Override
    public byte[] decompress(byte[] data) throws IOException {
      return EntryCodecs.decodeAll(data);
    }

    @Override
    public byte[] decompress(byte[] data, long size) throws IOException {
      return EntryCodecs.decodeAll(data, size);
    }

    @Override
    public InputStream decoder(byte[] data) throws IOException {
      return EntryCodecs.decode(new ByteArrayInputStream(data), EntryCodecs.MAX_DECODED_SIZE);
    }

    @Override
    public boolean matches(byte[] stored, EntryCompression c, boolean fullFile) {
      return XzHeaders.matches(stored, c, fullFile);
    }
  }

  private enum Mars implements MarIo {
    INSTANCE;

    @Override
    public Contents read(Path mar) throws IOException {
      try (MarReader r = MarReader.open(mar)) {
        List<MarItem> items = new ArrayList<>();
        for (MarEntry e : r.entries()) {
          try (InputStream in = r.openRaw(e)) {
            items.add(new MarItem(e.name(), e.mode(), in.readAllBytes()));
          }
        }
        return new Contents(r.productInfo().orElse(null), items);
      }
    }

    @Override
    public Index index(Path mar) throws IOException {
      try (MarReader r = MarReader.open(mar)) {
        List<StoredEntry> entries = new ArrayList<>();
        for (MarEntry e : r.entries()) {
          entries.add(
              new FileStoredEntry(mar, r.size(), e.name(), e.mode(), e.offset(), e.length()));
        }
        return new Index(r.productInfo().orElse(null), entries);
      }
    }

    @Override
    public void write(Path out, ProductInfo pib, List<MarItem> items) throws IOException {
      try (MarWriter w = MarWriter.create(out, MarWriteOptions.of(pib.channel(), pib.version()))) {
        for (MarItem i : items) {
          w.addEntry(i.name(), i.mode(), new ByteArrayInputStream(i.data()), i.data().length);
        }
        w.finish();
      }
    }
  }
}
