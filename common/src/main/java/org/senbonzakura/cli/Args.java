/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small, strict command-line parser: declared flags (no value), declared options (one value,
 * repeatable) and positionals. Unknown dashes are a {@link UsageException}, so a typo never
 * silently becomes a file name.
 */
public final class Args {
  private final Map<String, List<String>> options = new LinkedHashMap<>();
  private final List<String> flags = new ArrayList<>();
  private final List<String> positionals = new ArrayList<>();

  private Args() {}

  /**
   * Parses {@code argv}.
   *
   * @param flagNames names such as {@code --json} that take no value
   * @param optionNames names such as {@code -C} or {@code --key} that take one value; {@code
   *     --key=value} also works
   */
  public static Args parse(List<String> argv, Set<String> flagNames, Set<String> optionNames)
      throws UsageException {
    Args a = new Args();
    boolean onlyPositionals = false;
    for (int i = 0; i < argv.size(); i++) {
      String s = argv.get(i);
      if (onlyPositionals || !s.startsWith("-") || s.equals("-")) {
        a.positionals.add(s);
        continue;
      }
      if (s.equals("--")) {
        onlyPositionals = true;
        continue;
      }
      String name = s;
      String inlineValue = null;
      int eq = s.indexOf('=');
      if (s.startsWith("--") && eq > 0) {
        name = s.substring(0, eq);
        inlineValue = s.substring(eq + 1);
      }
      if (flagNames.contains(name) && inlineValue == null) {
        a.flags.add(name);
      } else if (optionNames.contains(name)) {
        String value = inlineValue;
        if (value == null) {
          if (i + 1 >= argv.size()) {
            throw new UsageException(name + " needs a value");
          }
          value = argv.get(++i);
        }
        a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        throw new UsageException("unknown option " + s);
      }
    }
    return a;
  }

  public boolean has(String flag) {
    return flags.contains(flag);
  }

  /** The last value given for {@code option}, or {@code fallback}. */
  public String get(String option, String fallback) {
    List<String> v = options.get(option);
    return v == null ? fallback : v.get(v.size() - 1);
  }

  /** The last value given for {@code option}; a usage error if it is missing. */
  public String require(String option) throws UsageException {
    String v = get(option, null);
    if (v == null) {
      throw new UsageException("missing " + option);
    }
    return v;
  }

  /** Every value given for a repeatable option, in order. */
  public List<String> all(String option) {
    return options.getOrDefault(option, List.of());
  }

  public List<String> positionals() {
    return positionals;
  }

  /** The positionals, checked to number between {@code min} and {@code max}. */
  public List<String> positionals(int min, int max) throws UsageException {
    if (positionals.size() < min || positionals.size() > max) {
      throw new UsageException(
          min == max
              ? "expected " + min + " arguments, got " + positionals.size()
              : "expected " + min + " to " + max + " arguments, got " + positionals.size());
    }
    return positionals;
  }
}
