/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.util.Comparator;

/**
 * The order of {@code sort} under {@code LC_ALL=C}: plain byte order of the UTF-8 encoding, which
 * equals code point order. {@link String#compareTo} compares UTF-16 units and differs for
 * characters above U+FFFF, so the scripts' order needs its own comparator.
 */
public final class PathOrder {
  /** Ascending byte order. */
  public static final Comparator<String> BYTES = PathOrder::compare;

  /** Descending byte order, as {@code sort -r} gives it. */
  public static final Comparator<String> REVERSE = BYTES.reversed();

  private PathOrder() {}

  /** Compares two strings by the bytes of their UTF-8 encodings. */
  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
