/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a manifest the way Mozilla's updater does (spec §5.3), so a manifest it would refuse is
 * refused here too: lines split on any run of CR/LF, lines starting with {@code #} skipped, the
 * method split off at the first space or tab, arguments taken between double quotes with at least
 * one character between them, {@code type} honoured only as the first instruction, and every target
 * or test path checked by {@code get_valid_path}'s rules (no leading {@code /}, no {@code ..}
 * anywhere, a trailing {@code /} on directories).
 */
public final class ManifestParser {
  private static final String NEWLINES = "\r\n";
  private static final String WHITESPACE = " \t";
  private static final String QUOTE = "\"";

  private ManifestParser() {}

  /**
   * A parsed manifest.
   *
   * @param type the value of a leading {@code type} instruction, or null
   * @param actions the actions in order
   */
  public record Parsed(String type, List<Instruction> actions) {}

  /** Parses an update manifest; an empty action list is an error, as in the updater. */
  public static Parsed parse(String text) throws UpdateException {
    Parsed p = parse(text, false);
    if (p.actions().isEmpty()) {
      throw new UpdateException("manifest has no actions (MAR_ERROR_EMPTY_ACTION_LIST)");
    }
    return p;
  }

  /**
   * Parses an installed {@code precomplete}: only {@code remove} and {@code rmdir} are allowed
   * ({@code remove-cc} is ignored, as the updater does).
   */
  public static List<Instruction> parsePrecomplete(String text) throws UpdateException {
    return parse(text, true).actions();
  }

  private static Parsed parse(String text, boolean precomplete) throws UpdateException {
    Cursor all = new Cursor(text);
    String type = null;
    boolean first = true;
    List<Instruction> actions = new ArrayList<>();
    String line;
    while ((line = all.token(NEWLINES)) != null) {
      if (line.startsWith("#")) {
        continue;
      }
      Cursor c = new Cursor(line);
      String method = c.token(WHITESPACE);
      if (method == null) {
        throw parseError(line, "no method");
      }
      if (!precomplete && first && method.equals("type")) {
        type = c.token(QUOTE);
        first = false;
        continue;
      }
      first = false;
      Instruction i = precomplete ? precompleteAction(method, c, line) : action(method, c, line);
      if (i != null) {
        actions.add(i);
      }
    }
    return new Parsed(type, actions);
  }

  private static Instruction precompleteAction(String method, Cursor c, String line)
      throws UpdateException {
    switch (method) {
      case "remove":
        return new Instruction(Instruction.Method.REMOVE, null, null, path(c, false, line));
      case "rmdir":
        return new Instruction(Instruction.Method.RMDIR, null, null, path(c, true, line));
      case "remove-cc":
        return null;
      default:
        throw parseError(line, "precomplete allows only remove and rmdir");
    }
  }

  private static Instruction action(String method, Cursor c, String line) throws UpdateException {
    switch (method) {
      case "add":
        {
          String t = path(c, false, line);
          return new Instruction(Instruction.Method.ADD, null, t, t);
        }
      case "add-if":
        {
          String test = path(c, false, line);
          between(c, line);
          String t = path(c, false, line);
          return new Instruction(Instruction.Method.ADD_IF, test, t, t);
        }
      case "add-if-not":
        {
          String test = path(c, false, line);
          between(c, line);
          String t = path(c, false, line);
          return new Instruction(Instruction.Method.ADD_IF_NOT, test, t, t);
        }
      case "patch":
        {
          String p = quoted(c, line);
          between(c, line);
          String t = path(c, false, line);
          return new Instruction(Instruction.Method.PATCH, null, p, t);
        }
      case "patch-if":
        {
          String test = path(c, false, line);
          between(c, line);
          String p = quoted(c, line);
          between(c, line);
          String t = path(c, false, line);
          return new Instruction(Instruction.Method.PATCH_IF, test, p, t);
        }
      case "remove":
        return new Instruction(Instruction.Method.REMOVE, null, null, path(c, false, line));
      case "rmdir":
        return new Instruction(Instruction.Method.RMDIR, null, null, path(c, true, line));
      case "rmrfdir":
        return new Instruction(Instruction.Method.RMRFDIR, null, null, path(c, true, line));
      default:
        throw parseError(line, "unknown method '" + method + "'");
    }
  }

  private static String quoted(Cursor c, String line) throws UpdateException {
    String s = c.token(QUOTE);
    if (s == null) {
      throw parseError(line, "missing argument");
    }
    return s;
  }

  /** The updater consumes the run of non-quote characters between two arguments. */
  private static void between(Cursor c, String line) throws UpdateException {
    if (c.token(QUOTE) == null) {
      throw parseError(line, "missing argument");
    }
  }

  /** {@code get_valid_path}. */
  private static String path(Cursor c, boolean dir, String line) throws UpdateException {
    String p = quoted(c, line);
    if (p.startsWith("/")) {
      throw parseError(line, "absolute path '" + p + "'");
    }
    if (p.contains("..")) {
      throw parseError(line, "path '" + p + "' contains '..'");
    }
    if (dir) {
      if (!p.endsWith("/")) {
        throw parseError(line, "directory path '" + p + "' does not end with '/'");
      }
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static UpdateException parseError(String line, String why) {
    return new UpdateException("manifest line '" + line + "': " + why + " (PARSE_ERROR)");
  }

  /** The updater's {@code mstrtok}: skip leading delimiters, take up to the next one. */
  private static final class Cursor {
    private final String s;
    private int pos;

    Cursor(String s) {
      this.s = s;
    }

    String token(String delims) {
      while (pos < s.length() && delims.indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
      if (pos >= s.length()) {
        return null;
      }
      int start = pos;
      while (pos < s.length() && delims.indexOf(s.charAt(pos)) < 0) {
        pos++;
      }
      String tok = s.substring(start, pos);
      if (pos < s.length()) {
        pos++;
      }
      return tok;
    }
  }
}
