/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-path rules of Mozilla's {@code common.sh} and {@code make_incremental_update.sh} (spec
 * §4.3-4.4), as pure functions: which files are {@code add-if-not}, which are always shipped whole,
 * which live in an extension directory, and the exact text of each manifest line.
 */
public final class ManifestRules {
  /** The file {@code make_incremental_update.sh} always forces, for Mozilla bug 770996. */
  public static final String DEFAULT_FORCED = "Contents/MacOS/firefox";

  private static final Pattern FRAMEWORK =
      Pattern.compile("(^|/)(ChannelPrefs|UpdateSettings)\\.framework/");
  private static final Pattern EXTENSION = Pattern.compile("distribution/extensions/.*/");
  private static final Pattern EXTENSION_DIR =
      Pattern.compile("(.*distribution/extensions/[^/]*)/.*", Pattern.DOTALL);

  private ManifestRules() {}

  /** {@code check_for_add_if_not_update}: files the user may have customised. */
  public static boolean isAddIfNot(String path) {
    String base = basename(path);
    return base.equals("channel-prefs.js")
        || base.equals("update-settings.ini")
        || base.equals("distribution.ini")
        || FRAMEWORK.matcher(path).find();
  }

  /**
   * {@code check_for_forced_update}: shipped whole even when unchanged. {@code extraForced} holds
   * the {@code -f} files; {@link #DEFAULT_FORCED} is always included, as in the script.
   */
  public static boolean isForced(String path, Collection<String> extraForced) {
    switch (path) {
      case "precomplete":
      case "Contents/Resources/precomplete":
      case "removed-files":
      case "Contents/Resources/removed-files":
      case "Contents/CodeResources":
      case DEFAULT_FORCED:
        return true;
      default:
        break;
    }
    // ${f##*.} = "chk": the text after the last dot, or the whole path if it has none
    int dot = path.lastIndexOf('.');
    if ((dot < 0 ? path : path.substring(dot + 1)).equals("chk")) {
      return true;
    }
    return extraForced.contains(path);
  }

  /**
   * For a file inside {@code distribution/extensions/<id>/}, the directory the updater must find
   * before adding or patching it ({@code add-if} / {@code patch-if}).
   */
  public static Optional<String> extensionTestDir(String path) {
    if (!EXTENSION.matcher(path).find()) {
      return Optional.empty();
    }
    Matcher m = EXTENSION_DIR.matcher(path);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * {@code make_add_instruction}'s method: {@code add-if} inside an extension, else {@code add}.
   */
  public static Instruction.Method addMethod(String path) {
    return extensionTestDir(path).isPresent() ? Instruction.Method.ADD_IF : Instruction.Method.ADD;
  }

  /**
   * {@code make_patch_instruction}'s method: {@code patch-if} inside an extension, else {@code
   * patch}.
   */
  public static Instruction.Method patchMethod(String path) {
    return extensionTestDir(path).isPresent()
        ? Instruction.Method.PATCH_IF
        : Instruction.Method.PATCH;
  }

  /** {@code make_add_instruction}. */
  public static String addLine(String path) {
    return extensionTestDir(path)
        .map(t -> "add-if " + q(t) + " " + q(path))
        .orElseGet(() -> "add " + q(path));
  }

  /** {@code make_add_if_not_instruction}. */
  public static String addIfNotLine(String path) {
    return "add-if-not " + q(path) + " " + q(path);
  }

  /** {@code make_patch_instruction}; the MAR entry is {@code path + ".patch"}. */
  public static String patchLine(String path) {
    return extensionTestDir(path)
        .map(t -> "patch-if " + q(t) + " " + q(path + ".patch") + " " + q(path))
        .orElseGet(() -> "patch " + q(path + ".patch") + " " + q(path));
  }

  /** {@code remove "path"}. */
  public static String removeLine(String path) {
    return "remove " + q(path);
  }

  /** {@code rmdir "dir/"} for a directory given without its trailing slash. */
  public static String rmdirLine(String dir) {
    return "rmdir " + q(dir + "/");
  }

  /** The first line of a manifest: {@code type "partial"} or {@code type "complete"}. */
  public static String typeLine(boolean partial) {
    return "type " + q(partial ? "partial" : "complete");
  }

  /** The MAR entry name of a patch for {@code path}. */
  public static String patchEntryName(String path) {
    return path + ".patch";
  }

  /**
   * Refuses a path that the updater would reject ({@code ..} anywhere, a leading {@code /}) or that
   * a manifest cannot express (a {@code "} or a line break: the format has no escaping).
   */
  public static void checkPath(String path) throws UpdateException {
    if (path.isEmpty()) {
      throw new UpdateException("empty path");
    }
    if (path.contains("..")) {
      throw new UpdateException(
          "path '" + path + "' contains '..', which Mozilla's updater rejects anywhere in a path");
    }
    if (path.indexOf('"') >= 0) {
      throw new UpdateException(
          "path '" + path + "' contains '\"', which a manifest cannot express (no escaping)");
    }
    if (path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
      throw new UpdateException("path '" + path.replace("\n", "\\n") + "' contains a line break");
    }
    if (path.startsWith("/")) {
      throw new UpdateException("path '" + path + "' is absolute");
    }
  }

  static String basename(String path) {
    String p = path;
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    int slash = p.lastIndexOf('/');
    return slash < 0 ? p : p.substring(slash + 1);
  }

  private static String q(String s) {
    return '"' + s + '"';
  }
}
