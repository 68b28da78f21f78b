/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.fetch;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Words for why a source failed, as a release engineer reads them in a result row. The JDK's HTTP
 * client throws several exceptions without a message (a refused connection is a bare {@code
 * ConnectException}), so the reason is chosen by type first and falls back to the first message in
 * the cause chain, then to the type's name: never "null".
 */
final class FetchReasons {
  private FetchReasons() {}

  /** The reason an I/O failure gives; {@code timeoutMillis} is the wait that ran out, if any. */
  static String of(IOException e, long connectTimeoutMillis, long answerTimeoutMillis) {
    if (e instanceof HttpConnectTimeoutException) {
      return "connect timed out after " + seconds(connectTimeoutMillis);
    }
    if (e instanceof HttpTimeoutException) {
      return "timed out after " + seconds(answerTimeoutMillis) + " waiting for an answer";
    }
    if (e instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (e instanceof ConnectException) {
      // the HTTP client's ConnectException for a refused connection has no text anywhere in its
      // chain (a ClosedChannelException below it); a connect timeout has its own type (above)
      String m = firstMessage(e);
      return m == null || m.toLowerCase(Locale.ROOT).contains("refused")
          ? "connection refused"
          : "cannot connect: " + m;
    }
    if (e instanceof UnknownHostException) {
      return "unknown host" + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
    if (e instanceof FileNotFoundException) {
      return "not found";
    }
    if (e instanceof SSLException) {
      String m = firstMessage(e);
      return "TLS error" + (m == null ? "" : ": " + m);
    }
    String m = firstMessage(e);
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /**
   * The first non-blank message in the cause chain (the JDK's {@code ConnectException} carries
   * "Connection refused" only on its cause), on one line.
   */
  static String firstMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.isBlank()) {
        return m.replace('\n', ' ');
      }
    }
    return null;
  }

  /** {@code 60 s}, {@code 1.5 s}: how long a wait lasted, as the reasons print it. */
  static String seconds(long millis) {
    return (millis % 1000 == 0
            ? Long.toString(millis / 1000)
            : String.format(Locale.ROOT, "%.1f", millis / 1000.0))
        + " s";
  }
}
