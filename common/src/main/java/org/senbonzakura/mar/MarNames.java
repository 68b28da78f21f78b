/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mar;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.senbonzakura.mar.MarFormatException.Reason;

/**
 * The rules for entry names. libmar itself checks nothing, but the updater refuses manifest paths
 * with {@code ..}, a leading {@code /} or a {@code "}, and extraction must never leave its target
 * directory. Reader and writer apply the same rules so we neither accept nor produce such names.
 */
public final class MarNames {
  private MarNames() {}

  /** Checks a name; throws naming the broken rule. */
  public static void check(String name) throws MarFormatException {
    if (name.isEmpty()) {
      throw new MarFormatException(Reason.NAME_EMPTY, "empty entry name");
    }
    if (name.startsWith("/")
        || (name.length() >= 2 && name.charAt(1) == ':' && isAsciiLetter(name.charAt(0)))) {
      throw new MarFormatException(Reason.NAME_ABSOLUTE, "absolute entry name " + quote(name));
    }
    if (name.contains("..")) {
      throw new MarFormatException(Reason.NAME_DOT_DOT, "entry name contains '..': " + quote(name));
    }
    if (name.indexOf('\\') >= 0) {
      throw new MarFormatException(
          Reason.NAME_BACKSLASH, "entry name contains a backslash: " + quote(name));
    }
    if (name.indexOf('"') >= 0) {
      throw new MarFormatException(
          Reason.NAME_QUOTE, "entry name contains a double quote: " + quote(name));
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        throw new MarFormatException(
            Reason.NAME_CONTROL_CHAR,
            "entry name contains control character U+"
                + String.format("%04X", (int) name.charAt(i))
                + ": "
                + quote(name));
      }
    }
  }

  /** Decodes a stored name strictly as UTF-8 and checks it. */
  static String decode(byte[] bytes, int offset, int length) throws MarFormatException {
    String name;
    try {
      name =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, offset, length))
              .toString();
    } catch (CharacterCodingException e) {
      throw new MarFormatException(
          Reason.NAME_NOT_UTF8, "entry name at index byte " + offset + " is not valid UTF-8");
    }
    check(name);
    return name;
  }

  /** The name with control characters escaped, for messages. */
  static String quote(String name) {
    StringBuilder sb = new StringBuilder("'");
    for (int i = 0; i < name.length() && i < 200; i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append(name.length() > 200 ? "...'" : "'").toString();
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
