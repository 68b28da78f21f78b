/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.report;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives the Debian {@code chromium} binary in headless mode, offline and with a fresh profile, to
 * take a screenshot of a page and to dump its DOM after parsing. The binary is found on the PATH
 * (chromium, chromium-browser, google-chrome) or named by the system property {@code sbz.chromium}.
 */
final class HeadlessChromium {
  private final String binary;

  private HeadlessChromium(String binary) {
    this.binary = binary;
  }

  static HeadlessChromium find() {
    String named = System.getProperty("sbz.chromium");
    if (named != null && !named.isEmpty()) {
      return new HeadlessChromium(named);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return new HeadlessChromium(Path.of(dir, name).toString());
        }
      }
    }
    throw new IllegalStateException(
        "headless Chromium not found: install the Debian package 'chromium'"
            + " (apt-get install -y chromium) or set -Dsbz.chromium=/path/to/chromium");
  }

  void screenshot(Path page, Path png, int width, int height, Path profile) throws Exception {
    run(
        profile,
        List.of(
            "--window-size=" + width + "," + height,
            "--hide-scrollbars",
            "--screenshot=" + png.toAbsolutePath()),
        page);
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      throw new AssertionError("chromium wrote no screenshot at " + png);
    }
  }

  String dumpDom(Path page, Path profile) throws Exception {
    return run(profile, List.of("--dump-dom"), page);
  }

  private String run(Path profile, List<String> extra, Path page) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary);
    cmd.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-dev-shm-usage",
            "--user-data-dir=" + profile.toAbsolutePath()));
    cmd.addAll(extra);
    cmd.add(page.toAbsolutePath().toUri().toString());
    Path stdout = Files.createTempFile("chromium", ".out");
    Path stderr = Files.createTempFile("chromium", ".err");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium timed out: " + cmd);
    }
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    Files.delete(stdout);
    Files.delete(stderr);
    if (p.exitValue() != 0) {
      throw new AssertionError("chromium exited " + p.exitValue() + ": " + err);
    }
    return out;
  }
}
