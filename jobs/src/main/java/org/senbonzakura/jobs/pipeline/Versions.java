/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

/**
 * The versions that key cached work. Change {@link #ALGORITHM} when the differ or the patch
 * compression changes (old cache rows then stop matching); change {@link #GENERATOR} when a
 * partial's bytes would change (old results are then rebuilt instead of reused).
 */
public final class Versions {
  private Versions() {}

  /** The differ and the patch compression: MBDIFF10 exact mbsdiff search, xz preset 6. */
  public static final String ALGORITHM = "mbdiff10-exact/xz6";

  /** The whole generator. */
  public static final String GENERATOR = "sbz-0.1.0/" + ALGORITHM;
}
