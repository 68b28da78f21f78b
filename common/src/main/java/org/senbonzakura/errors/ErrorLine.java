/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.errors;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The one-line description of a failure, as {@code sbz} prints it on stderr and the job records it
 * in a row's reason. One rule for both, so that a user reads the same words for the same failure
 * wherever it surfaces.
 *
 * <p>Why not {@link Throwable#getMessage()}: many JDK exceptions carry no message (an {@code
 * EOFException}, a bare {@code ConnectException}), which would read as "null"; and a wrapper's
 * message often hides what actually happened, which is in its cause. So the line names the type
 * where there is no message, and follows the cause chain, adding each cause that says something the
 * line does not already say. Line breaks are folded, so the result is always one line.
 */
public final class ErrorLine {
  /** Causes followed at the most: a deeper chain adds noise, not information. */
  static final int MAX_CAUSES = 4;

  private ErrorLine() {}

  /** The failure in one line: its message (or type) and what its causes add, never "null". */
  public static String of(Throwable error) {
    StringBuilder line = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    int causes = 0;
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      String own = own(t);
      if (own != null && line.indexOf(own) < 0) {
        if (!line.isEmpty()) {
          if (causes++ == MAX_CAUSES) {
            break;
          }
          line.append(": ");
        }
        line.append(own);
      }
    }
    if (line.isEmpty()) { // only wrappers whose text is their cause's: say the type at least
      line.append(error.getClass().getSimpleName());
    }
    return line.toString().replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }

  /**
   * What this throwable itself says: its message, or its type where it has none; null for a wrapper
   * whose message is just its cause's {@code toString()} (what {@code new X(cause)} makes), since
   * the cause will speak for itself.
   */
  private static String own(Throwable t) {
    String msg = t.getMessage();
    if (msg == null || msg.isBlank()) {
      return t.getClass().getSimpleName();
    }
    Throwable cause = t.getCause();
    if (cause != null && msg.equals(cause.toString())) {
      return null;
    }
    return msg.strip();
  }
}
