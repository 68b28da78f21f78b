/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

/**
 * The hash of a 16-byte string given as two little-endian longs, shared by fast mode's tables
 * ({@link KgramIndex} over the old file, {@link GapMatches} over the gaps of new), so that both
 * spread strings the same well-measured way: the low 32 bits pick a slot, the high 32 bits serve as
 * a check.
 */
final class Hash16 {
  private Hash16() {}

  /** Mixes the 16 bytes {@code a}, {@code b} into 64 well-spread bits. */
  static long of(long a, long b) {
    long h = a * 0x9E3779B97F4A7C15L + Long.rotateLeft(b * 0xC2B2AE3D27D4EB4FL, 29);
    h ^= h >>> 32;
    h *= 0xD6E8FEB86659FD93L;
    h ^= h >>> 32;
    return h;
  }
}
