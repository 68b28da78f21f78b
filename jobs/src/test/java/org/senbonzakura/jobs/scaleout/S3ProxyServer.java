/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real S3 API server for the tests: S3Proxy with its filesystem backend, run as its own JVM on a
 * free loopback port. Being a separate process keeps its dependencies (jclouds, Jetty 11, a newer
 * Guava) off Spark's classpath, and lets a test {@link #stop()} it to simulate an outage and {@link
 * #restart()} it on the same port with the same objects.
 */
final class S3ProxyServer implements AutoCloseable {
  static final String ACCESS_KEY = "sbz-test-access";
  static final String SECRET_KEY = "sbz-test-secret";

  private final Path workDir;
  private final Path blobs;
  private final int port;
  private Process process;

  private S3ProxyServer(Path workDir, int port) {
    this.workDir = workDir;
    this.blobs = workDir.resolve("blobs");
    this.port = port;
  }

  /** Starts a server whose objects live under workDir/blobs/BUCKET/KEY. */
  static S3ProxyServer start(Path workDir) throws IOException, InterruptedException {
    S3ProxyServer server = new S3ProxyServer(workDir, LoopbackPorts.free());
    Files.createDirectories(server.blobs);
    server.writeProperties();
    server.launch();
    return server;
  }

  /** http://127.0.0.1:PORT, the value for fs.s3a.endpoint. */
  String endpoint() {
    return "http://" + LoopbackPorts.HOST + ":" + port;
  }

  int port() {
    return port;
  }

  /**
   * Creates a bucket. The filesystem backend maps a bucket to a directory, so this is a mkdir; S3A
   * never creates buckets itself.
   */
  void createBucket(String bucket) throws IOException {
    Files.createDirectories(blobs.resolve(bucket));
  }

  /** Where the backend keeps an object, to prove that data really went through S3. */
  Path objectFile(String bucket, String key) {
    return blobs.resolve(bucket).resolve(key);
  }

  boolean running() {
    return process != null && process.isAlive();
  }

  /** Kills the server (an outage). Objects already stored stay on disk. */
  void stop() {
    if (process != null) {
      ManagedProcesses.kill(process);
      process = null;
    }
  }

  /** Starts the server again on the same port with the same objects. */
  void restart() throws IOException, InterruptedException {
    stop();
    launch();
  }

  @Override
  public void close() {
    stop();
  }

  private void writeProperties() throws IOException {
    List<String> lines =
        List.of(
            "s3proxy.endpoint=" + endpoint(),
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=filesystem",
            "jclouds.identity=unused",
            "jclouds.credential=unused",
            "jclouds.filesystem.basedir=" + blobs.toAbsolutePath());
    Files.write(workDir.resolve("s3proxy.properties"), lines, StandardCharsets.UTF_8);
  }

  private void launch() throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
                ManagedProcesses.javaCommand(),
                "-Xmx256m",
                "-jar",
                BuiltClasspath.s3proxyJar().toString(),
                "--properties",
                workDir.resolve("s3proxy.properties").toString())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(workDir.resolve("s3proxy.log").toFile()));
    process = ManagedProcesses.start(builder);
    LoopbackPorts.awaitListening(port, Duration.ofSeconds(60), process, "S3Proxy");
  }
}
