/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Free ports on 127.0.0.1 for the servers the tests start; nothing listens on other addresses. */
final class LoopbackPorts {
  static final String HOST = "127.0.0.1";

  private LoopbackPorts() {}

  /** A port that was free a moment ago (the OS picks it; a race with others is unlikely). */
  static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    }
  }

  /** Whether something accepts TCP connections on the port. */
  static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits until the port accepts connections, or fails naming the server and its log. */
  static void awaitListening(int port, Duration timeout, Process process, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!listening(port)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(what + " exited with " + process.exitValue());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            what + " did not listen on port " + port + " in " + timeout);
      }
      Thread.sleep(100);
    }
  }
}
