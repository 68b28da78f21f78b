/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU an update is for, which decides whether full files and manifests get the x86 BCJ filter.
 * This is the one place that rule lives (spec §2.2, Mozilla's {@code BCJ_OPTIONS} by target):
 * {@code --x86} for x86 and x86-64, nothing for aarch64 and for universal macOS builds, because an
 * updater has only its own CPU's BCJ decoder compiled in (spec §2.3). Every entry point ({@code sbz
 * mar create}, {@code sbz complete}, {@code sbz partial} and the job) parses its architecture or
 * build platform name here, so the same name always gives the same compression; an unknown name is
 * an error rather than a guess.
 */
public enum TargetArch {
  X86(
      true,
      "x86",
      "i386",
      "i686",
      "win32",
      "linux",
      "linux-i686",
      "winnt_x86-msvc",
      "linux_x86-gcc3"),
  X86_64(
      true,
      "x86_64",
      "x86-64",
      "amd64",
      "win64",
      "linux64",
      "linux-x86_64",
      "winnt_x86_64-msvc",
      "linux_x86_64-gcc3"),
  AARCH64(
      false,
      "aarch64",
      "arm64",
      "win64-aarch64",
      "linux-aarch64",
      "winnt_aarch64-msvc-aarch64",
      "linux_aarch64-gcc3"),
  MACOS_UNIVERSAL(
      false, "macos-x86_64-aarch64", "mac", "macos", "darwin_x86_64-gcc3-u-i386-x86_64");

  /** The target when none is named: the most common one, as Mozilla's scripts assume. */
  public static final TargetArch DEFAULT = X86_64;

  private static final Map<String, TargetArch> BY_NAME = new LinkedHashMap<>();

  static {
    for (TargetArch a : values()) {
      for (String n : a.names) {
        BY_NAME.put(n, a);
      }
    }
  }

  private final boolean bcj;
  private final List<String> names;

  TargetArch(boolean bcj, String... names) {
    this.bcj = bcj;
    this.names = List.of(names);
  }

  /** True if this target's updater decodes x86 BCJ, so full files and manifests use it. */
  public boolean bcj() {
    return bcj;
  }

  /** Mozilla's name for this target (the first of its names). */
  public String mozillaName() {
    return names.get(0);
  }

  /** Every name (architecture or build platform) that means this target, lower case. */
  public List<String> names() {
    return names;
  }

  /** One line for command help, made from this table so that it cannot disagree with it. */
  public static String help() {
    List<String> bcj = new ArrayList<>();
    List<String> plain = new ArrayList<>();
    for (TargetArch a : values()) {
      (a.bcj ? bcj : plain).add(a.mozillaName() + (a == DEFAULT ? " (default)" : ""));
    }
    return String.join(", ", bcj)
        + " use x86 BCJ; "
        + String.join(", ", plain)
        + " do not; build platform names (win64, linux-aarch64, mac ...) work too";
  }

  /**
   * The target an architecture or build platform name means, ignoring case.
   *
   * @throws UpdateException if the name is not a known target
   */
  public static TargetArch parse(String name) throws UpdateException {
    TargetArch a = BY_NAME.get(name.toLowerCase(Locale.ROOT));
    if (a == null) {
      throw new UpdateException(
          "unknown target architecture '"
              + name
              + "' (known: "
              + String.join(", ", BY_NAME.keySet())
              + ")");
    }
    return a;
  }
}
