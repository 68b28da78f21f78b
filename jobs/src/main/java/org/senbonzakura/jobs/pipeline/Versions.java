/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.senbonzakura.compress.XzEffort;
import org.senbonzakura.update.FileDiffer;
import org.senbonzakura.update.MbdiffFileDiffer;

/**
 * The versions that key cached work. The algorithm version follows the differ's {@link
 * FileDiffer#cacheKey()} (its mode) plus the patch compression, so exact and fast patches never
 * share a cache row; change {@link #PATCH_COMPRESSION} when the patch compression changes. {@link
 * #RELEASE} is the project's version (from the pom, through {@code release.properties}), so a new
 * release rebuilds old results instead of reusing them.
 */
public final class Versions {
  private Versions() {}

  /** The build of the generator: {@code sbz-} and the project version of the pom. */
  public static final String RELEASE = release();

  /**
   * How stored patches are compressed: xz preset 6, no BCJ filter (as Mozilla's scripts); fast mode
   * adds its deeper search's tag ({@link XzEffort#tag}).
   */
  public static final String PATCH_COMPRESSION = "xz6";

  /** The default (exact) differ's algorithm version: MBDIFF10 exact mbsdiff search, xz preset 6. */
  public static final String ALGORITHM = algorithm(MbdiffFileDiffer.exact(), XzEffort.MOZILLA);

  /** The whole generator with the default differ. */
  public static final String GENERATOR = generator(ALGORITHM);

  /**
   * The algorithm version of a differ whose patches are compressed with {@code effort}, e.g. {@code
   * mbdiff10-fast/xz6-nice96}: the effort's tag follows the compression, so a deeper search never
   * reuses (or is reused as) a patch compressed at Mozilla's preset.
   */
  public static String algorithm(FileDiffer differ, XzEffort effort) {
    return differ.cacheKey().replaceFirst("^mbdiff-", "mbdiff10-")
        + "/"
        + PATCH_COMPRESSION
        + effort.tag();
  }

  /** The generator version recorded with (and checked before reusing) a result. */
  public static String generator(String algorithm) {
    return RELEASE + "/" + algorithm;
  }

  /**
   * Reads the release from the resource that the build fills in. A missing or unfiltered resource
   * is a broken build, not a version: it fails loudly rather than keying results on a placeholder.
   */
  private static String release() {
    Properties p = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("release.properties")) {
      if (in == null) {
        throw new IllegalStateException("release.properties is missing from the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read release.properties", e);
    }
    String release = p.getProperty("release", "");
    if (!release.matches("sbz-[0-9][^$]*")) {
      throw new IllegalStateException("release.properties was not filtered: '" + release + "'");
    }
    return release;
  }
}
