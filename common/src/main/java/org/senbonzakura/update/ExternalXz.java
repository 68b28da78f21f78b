/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.senbonzakura.compress.XzEffort;

/**
 * Compresses with the XZ Utils command-line tool, invoked exactly as Mozilla's packaging scripts do
 * ({@code xz -T1 -7e --compress [--x86] --lzma2 --format=xz --check=crc64 --stdout}). XZ for Java
 * decodes the same streams but encodes different bytes (different match choices, see docs/mar.md);
 * with XZ Utils installed, full files, patches and manifests come out byte-identical to Mozilla's.
 */
final class ExternalXz {
  private final String command;

  private ExternalXz(String command) {
    this.command = command;
  }

  /** The {@code xz} on the PATH (or {@code $SBZ_XZ}), if it runs; else null. */
  static ExternalXz find() {
    String cmd = System.getenv().getOrDefault("SBZ_XZ", "xz");
    if (cmd.isEmpty() || cmd.equals("java")) {
      return null;
    }
    try {
      Process p = new ProcessBuilder(cmd, "--version").redirectErrorStream(true).start();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.contains("XZ Utils")
          ? new ExternalXz(cmd)
          : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Compresses the file {@code in}, which xz reads as its stdin (never on the heap). */
  byte[] compress(java.nio.file.Path in, boolean x86) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(args(x86, XzEffort.MOZILLA)).redirectInput(in.toFile());
    pb.environment().remove("XZ_OPT");
    pb.environment().remove("XZ_DEFAULTS");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream o = p.getInputStream()) {
      o.transferTo(out);
    }
    try {
      if (p.waitFor() != 0) {
        throw new IOException(command + " exited with status " + p.exitValue());
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compressing", e);
    }
    return out.toByteArray();
  }

  private List<String> args(boolean x86, XzEffort effort) {
    List<String> args = new ArrayList<>(List.of(command, "-T1", "-7e", "--compress"));
    if (x86) {
      args.add("--x86");
    }
    args.addAll(List.of(effort.xzUtilsFilter(), "--format=xz", "--check=crc64", "--stdout"));
    return args;
  }

  byte[] compress(byte[] data, boolean x86) throws IOException {
    return compress(data, x86, XzEffort.MOZILLA);
  }

  /** Compresses {@code data} searching as hard as {@code effort}. */
  byte[] compress(byte[] data, boolean x86, XzEffort effort) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(args(x86, effort));
    pb.environment().remove("XZ_OPT");
    pb.environment().remove("XZ_DEFAULTS");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    IOException[] writeError = new IOException[1];
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream in = p.getOutputStream()) {
                in.write(data);
              } catch (IOException e) {
                writeError[0] = e;
              }
            },
            "xz-stdin");
    writer.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
    try (InputStream o = p.getInputStream()) {
      o.transferTo(out);
    }
    try {
      writer.join();
      if (p.waitFor() != 0) {
        throw new IOException(command + " exited with status " + p.exitValue());
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compressing", e);
    }
    if (writeError[0] != null) {
      throw writeError[0];
    }
    return out.toByteArray();
  }
}
