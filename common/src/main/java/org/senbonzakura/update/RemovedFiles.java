/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a {@code removed-files} text into manifest lines exactly as {@code
 * append_remove_instructions} in {@code common.sh} does (spec §4.5): spaces are protected as {@code
 * |}, the lines are sorted in reverse byte order, each is split on tabs (bash word splitting),
 * carriage returns dropped, whitespace runs collapsed and trimmed, blank and {@code #} lines
 * skipped; {@code x/} becomes {@code rmdir}, {@code x/*} becomes {@code rmrfdir "x/"} and anything
 * else {@code remove}. Unlike bash, a line is never expanded as a glob against the current
 * directory (the script's unquoted expansion would do that by accident).
 */
public final class RemovedFiles {
  private RemovedFiles() {}

  /** The manifest lines for {@code text}, in the order the script writes them. */
  public static List<String> instructions(String text) {
    List<String> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    List<String> lines = new ArrayList<>(Arrays.asList(body.replace(' ', '|').split("\n", -1)));
    lines.sort(PathOrder.REVERSE);
    for (String line : lines) {
      for (String word : line.split("\t")) {
        String f = collapse(word.replace('|', ' ').replace("\r", ""));
        if (f.isEmpty() || f.startsWith("#")) {
          continue;
        }
        if (f.endsWith("/")) {
          out.add("rmdir \"" + f + "\"");
        } else if (f.endsWith("/*")) {
          out.add("rmrfdir \"" + f.substring(0, f.length() - 1) + "\"");
        } else {
          out.add("remove \"" + f + "\"");
        }
      }
    }
    return out;
  }

  /** {@code f=$(echo $f)}: split on spaces and tabs, joined by single spaces. */
  private static String collapse(String s) {
    StringBuilder b = new StringBuilder();
    for (String part : s.split("[ \t]+")) {
      if (!part.isEmpty()) {
        if (b.length() > 0) {
          b.append(' ');
        }
        b.append(part);
      }
    }
    return b.toString();
  }
}
