/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorLineTest {
  @Test
  void aMessageIsTheLine() {
    assertEquals("bad magic", ErrorLine.of(new IOException("bad magic")));
  }

  @Test
  void noMessageNamesTheTypeNeverNull() {
    assertEquals("EOFException", ErrorLine.of(new EOFException()));
    assertEquals("ConnectException", ErrorLine.of(new ConnectException()));
    assertEquals("IllegalStateException", ErrorLine.of(new IllegalStateException("  ")));
  }

  @Test
  void aWrapperSaysWhatItsCauseSays() {
    ConnectException refused = new ConnectException("Connection refused");
    assertEquals("Connection refused", ErrorLine.of(new UncheckedIOException(refused)));
    assertEquals("Connection refused", ErrorLine.of(new ExecutionException(refused)));
    assertEquals("ConnectException", ErrorLine.of(new RuntimeException(new ConnectException())));
  }

  @Test
  void causesAddWhatTheLineDoesNotSayYet() {
    IOException e =
        new IOException(
            "cannot fetch http://127.0.0.1:1/b.mar", new ConnectException("Connection refused"));
    assertEquals("cannot fetch http://127.0.0.1:1/b.mar: Connection refused", ErrorLine.of(e));
    IOException repeats =
        new IOException("corrupt entry: bad header", new IOException("bad header"));
    assertEquals("corrupt entry: bad header", ErrorLine.of(repeats));
    IOException silentCause = new IOException("cannot read", new EOFException());
    assertEquals("cannot read: EOFException", ErrorLine.of(silentCause));
  }

  @Test
  void alwaysOneLineAndFinite() {
    assertEquals("first second", ErrorLine.of(new IOException("first\n  second\r\n")));
    Throwable deep = new IOException("level 0");
    for (int i = 1; i < 20; i++) {
      deep = new IOException("level " + i, deep);
    }
    String line = ErrorLine.of(deep);
    assertEquals(ErrorLine.MAX_CAUSES, line.split(": ").length - 1, line);
    assertFalse(line.contains("level 0"), line);

    IOException a = new IOException("a");
    IOException b = new IOException("b", a);
    a.initCause(b); // a cycle must not loop
    assertEquals("b: a", ErrorLine.of(b));
  }
}
