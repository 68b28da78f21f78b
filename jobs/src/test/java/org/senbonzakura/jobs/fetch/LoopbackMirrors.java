/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.fetch;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real servers on 127.0.0.1 that behave like the mirrors of a hostile run: one that serves files,
 * one that accepts connections and never answers, and a port where nothing listens. Each port is
 * its own origin.
 */
public final class LoopbackMirrors {
  private LoopbackMirrors() {}

  /** {@code http://127.0.0.1:PORT/}: the origin of a port, as an allow-list prefix. */
  public static String origin(int port) {
    return "http://127.0.0.1:" + port + "/";
  }

  /** A port nothing listens on: connecting to it is refused. */
  public static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JDK HTTP server on a free loopback port; each request is counted. */
  public static final class Http implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    public Http() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(executor);
      server.start();
    }

    /** Serves {@code body} at {@code path}, after running {@code before} (which may block). */
    public Http serve(String path, byte[] body, Runnable before) {
      server.createContext(
          path,
          ex -> {
            requests.incrementAndGet();
            before.run();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
          });
      return this;
    }

    /**
     * Declares {@code body} in full, sends its first half and then holds the connection until the
     * client gives up: a mirror that stalls in the middle of the body.
     */
    public Http stallHalfway(String path, byte[] body) {
      server.createContext(
          path,
          ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body, 0, body.length / 2);
            ex.getResponseBody().flush();
            try {
              Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      return this;
    }

    /** Answers {@code status} with {@code Location: location} at {@code path}. */
    public Http redirect(String path, int status, String location) {
      server.createContext(
          path,
          ex -> {
            requests.incrementAndGet();
            ex.getResponseHeaders().add("Location", location);
            ex.sendResponseHeaders(status, -1);
            ex.close();
          });
      return this;
    }

    public int port() {
      return server.getAddress().getPort();
    }

    public String url(String path) {
      return "http://127.0.0.1:" + port() + path;
    }

    public int requests() {
      return requests.get();
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  /**
   * Accepts every connection and never answers, as a dead host behind a live load balancer does. It
   * counts connections still open: the client's, until the client gives up and closes.
   */
  public static final class Silent implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> accepted = new ArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    public Silent() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread t = new Thread(this::acceptForever, "silent-mirror");
      t.setDaemon(true);
      t.start();
    }

    private void acceptForever() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          synchronized (accepted) {
            accepted.add(s);
          }
          connections.incrementAndGet();
          open.incrementAndGet();
          Thread drain = new Thread(() -> drainUntilClosed(s), "silent-mirror-conn");
          drain.setDaemon(true);
          drain.start();
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    /** Reads (and ignores) the request until the client closes its side. */
    private void drainUntilClosed(Socket s) {
      try (InputStream in = s.getInputStream()) {
        byte[] buf = new byte[4096];
        while (in.read(buf) >= 0) {
          // never answer
        }
      } catch (IOException e) {
        // reset by the client: it gave up
      }
      open.decrementAndGet();
    }

    public int port() {
      return socket.getLocalPort();
    }

    public String url(String path) {
      return "http://127.0.0.1:" + port() + path;
    }

    /** Connections accepted so far. */
    public int connections() {
      return connections.get();
    }

    /** Connections the client has not closed yet. */
    public int open() {
      return open.get();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      synchronized (accepted) {
        for (Socket s : accepted) {
          s.close();
        }
      }
    }
  }
}
