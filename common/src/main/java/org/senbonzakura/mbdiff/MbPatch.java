/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.senbonzakura.io.BigFiles;

/**
 * Applies MBDIFF10 patches with every check Mozilla's updater makes (spec §3.7): the tag, block
 * lengths adding up to the patch size exactly, the source's size and CRC-32/BZIP2, and every
 * control triple staying inside the diff block, the extra block and the source. It also checks that
 * the triples produce exactly the announced target length (the updater does not). All checks run
 * before the first output byte, so a bad patch writes nothing. Memory: source + patch.
 */
public final class MbPatch {
  private MbPatch() {}

  /** Applies {@code patch} to {@code old}, streaming the result to {@code out} (not closed). */
  public static MbDiffHeader apply(byte[] old, InputStream patch, OutputStream out)
      throws IOException, MbDiffException {
    byte[] head = patch.readNBytes(MbDiffHeader.SIZE);
    MbDiffHeader h = MbDiffHeader.parse(head);
    checkAnnouncedLength(h);
    long bodyLen = h.patchLength() - MbDiffHeader.SIZE;
    byte[] body = patch.readNBytes((int) bodyLen);
    if (body.length != bodyLen) {
      throw new MbDiffException(
          "patch is "
              + (MbDiffHeader.SIZE + body.length)
              + " bytes but its header announces "
              + h.patchLength());
    }
    if (patch.read() >= 0) {
      throw new MbDiffException(
          "patch is longer than the " + h.patchLength() + " bytes its header announces");
    }
    checkSource(h, old);
    checkTriples(h, old.length, body, 0);
    BufferedOutputStream bout = new BufferedOutputStream(new NonClosingOutputStream(out), 1 << 20);
    write(h, old, body, 0, bout);
    bout.flush();
    return h;
  }

  /**
   * Applies an in-memory patch and returns the new file. The result is allocated once at the size
   * the header announces and filled in place: with libxul, copying the patch body and growing a
   * buffer would hold three more ~180 MB arrays than the old file, the patch and the result.
   */
  public static byte[] apply(byte[] old, byte[] patch) throws MbDiffException {
    MbDiffHeader h = MbDiffHeader.parse(patch);
    checkAnnouncedLength(h);
    if (patch.length < h.patchLength()) {
      throw new MbDiffException(
          "patch is " + patch.length + " bytes but its header announces " + h.patchLength());
    }
    if (patch.length > h.patchLength()) {
      throw new MbDiffException(
          "patch is longer than the " + h.patchLength() + " bytes its header announces");
    }
    checkSource(h, old);
    checkTriples(h, old.length, patch, MbDiffHeader.SIZE);
    ArrayFill target = new ArrayFill((int) h.targetLength);
    try {
      write(h, old, patch, MbDiffHeader.SIZE, target);
    } catch (IOException e) {
      throw new MbDiffException("cannot apply patch in memory", e); // ArrayFill never throws
    }
    return target.array;
  }

  /** Writes into an array of the exact final size (the triples were checked to fill it). */
  private static final class ArrayFill extends OutputStream {
    final byte[] array;
    private int pos;

    ArrayFill(int size) {
      array = new byte[size];
    }

    @Override
    public void write(int b) {
      array[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      System.arraycopy(b, off, array, pos, len);
      pos += len;
    }
  }

  /**
   * Applies a patch file to {@code old}, writing {@code out}; nothing is written on a bad patch.
   */
  public static MbDiffHeader apply(Path old, Path patch, Path out)
      throws IOException, MbDiffException {
    byte[] o = MbDiff.readFile(old);
    long size = Files.size(patch);
    if (size > Integer.MAX_VALUE) {
      throw new MbDiffException(patch + " is " + size + " bytes, more than the 2 GiB patch limit");
    }
    byte[] p = BigFiles.readAllBytes(patch);
    MbDiffHeader h = MbDiffHeader.parse(p);
    checkAnnouncedLength(h);
    if (h.patchLength() != p.length) {
      throw new MbDiffException(
          "patch is " + p.length + " bytes but its header announces " + h.patchLength());
    }
    checkSource(h, o);
    checkTriples(h, o.length, p, MbDiffHeader.SIZE);
    try (OutputStream os = Files.newOutputStream(out);
        BufferedOutputStream bout = new BufferedOutputStream(os, 1 << 20)) {
      write(h, o, p, MbDiffHeader.SIZE, bout);
    }
    return h;
  }

  private static void checkAnnouncedLength(MbDiffHeader h) throws MbDiffException {
    if (h.patchLength() > Integer.MAX_VALUE) {
      throw new MbDiffException(
          "patch header announces " + h.patchLength() + " bytes, more than the 2 GiB limit");
    }
  }

  private static void checkSource(MbDiffHeader h, byte[] old) throws MbDiffException {
    if (h.sourceLength != old.length) {
      throw new MbDiffException(
          "source is " + old.length + " bytes but the patch expects " + h.sourceLength);
    }
    int crc = Crc32Bzip2.of(old);
    if (crc != h.sourceCrc) {
      throw new MbDiffException(
          String.format(
              "source CRC-32/BZIP2 is %08x but the patch expects %08x", crc, h.sourceCrc));
    }
  }

  private static void checkTriples(MbDiffHeader h, int oldLen, byte[] body, int base)
      throws MbDiffException {
    if (h.controlLength % 12 != 0) {
      throw new MbDiffException(
          "control block is " + h.controlLength + " bytes, not a multiple of 12");
    }
    long triples = h.controlLength / 12;
    long oldPos = 0;
    long diffLeft = h.diffLength;
    long extraLeft = h.extraLength;
    long produced = 0;
    for (int i = 0; i < triples; i++) {
      long x = MbDiffHeader.u32(body, base + i * 12);
      long y = MbDiffHeader.u32(body, base + i * 12 + 4);
      long z = (int) MbDiffHeader.u32(body, base + i * 12 + 8);
      if (x > diffLeft) {
        throw new MbDiffException(
            "triple " + i + " adds " + x + " bytes but the diff block has " + diffLeft + " left");
      }
      if (x > oldLen - oldPos) {
        throw new MbDiffException(
            "triple " + i + " adds " + x + " bytes at source offset " + oldPos + " of " + oldLen);
      }
      if (y > extraLeft) {
        throw new MbDiffException(
            "triple "
                + i
                + " copies "
                + y
                + " bytes but the extra block has "
                + extraLeft
                + " left");
      }
      diffLeft -= x;
      extraLeft -= y;
      oldPos += x + z;
      produced += x + y;
      if (oldPos < 0 || oldPos > oldLen) {
        throw new MbDiffException(
            "triple " + i + " seeks to source offset " + oldPos + ", outside 0.." + oldLen);
      }
    }
    if (produced != h.targetLength) {
      throw new MbDiffException(
          "patch produces " + produced + " bytes but its header announces " + h.targetLength);
    }
  }

  private static void write(MbDiffHeader h, byte[] old, byte[] body, int base, OutputStream out)
      throws IOException {
    int triples = (int) (h.controlLength / 12);
    int diff = base + (int) h.controlLength;
    int extra = base + (int) (h.controlLength + h.diffLength);
    int oldPos = 0;
    byte[] buf = new byte[1 << 16];
    for (int i = 0; i < triples; i++) {
      int x = (int) MbDiffHeader.u32(body, base + i * 12);
      int y = (int) MbDiffHeader.u32(body, base + i * 12 + 4);
      int z = (int) MbDiffHeader.u32(body, base + i * 12 + 8);
      for (int done = 0; done < x; ) {
        int c = Math.min(buf.length, x - done);
        for (int k = 0; k < c; k++) {
          buf[k] = (byte) (body[diff + done + k] + old[oldPos + done + k]);
        }
        out.write(buf, 0, c);
        done += c;
      }
      diff += x;
      oldPos += x;
      out.write(body, extra, y);
      extra += y;
      oldPos += z;
    }
  }
}
