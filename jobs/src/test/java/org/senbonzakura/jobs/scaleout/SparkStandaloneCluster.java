/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.senbonzakura.jobs.SparkJvmOpens;

/**
 * A real Spark standalone cluster on loopback: one master and N workers, each its own JVM started
 * from the jobs module's built classpath (no Spark distribution). Executors are launched by the
 * workers as further JVMs; the application passes its classpath to them with
 * spark.executor.extraClassPath, which works because all processes share this filesystem.
 */
final class SparkStandaloneCluster implements AutoCloseable {
  /** Java options of the cluster daemons and executors: Spark's --add-opens list. */
  static final String JAVA_OPENS = System.getProperty("sbz.spark.opens", defaultOpens());

  private final Path workDir;
  private final String classpath;
  private final int masterPort = LoopbackPorts.free();
  private final int masterUiPort = LoopbackPorts.free();
  private Process master;
  private final List<Process> workers = new ArrayList<>();
  private int workerCores;
  private String workerMemory;

  private SparkStandaloneCluster(Path workDir, String classpath) {
    this.workDir = workDir;
    this.classpath = classpath;
  }

  /** Starts a master and {@code workerCount} workers with the given cores and memory each. */
  static SparkStandaloneCluster start(Path workDir, int workerCount, int cores, String memory)
      throws IOException, InterruptedException {
    SparkStandaloneCluster cluster =
        new SparkStandaloneCluster(workDir, BuiltClasspath.jobsClasspath());
    try {
      cluster.startMaster();
      cluster.workerCores = cores;
      cluster.workerMemory = memory;
      for (int i = 0; i < workerCount; i++) {
        cluster.workers.add(cluster.startWorker(i, cores, memory));
      }
      cluster.awaitAliveWorkers(workerCount, Duration.ofSeconds(120));
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** spark://127.0.0.1:PORT */
  String masterUrl() {
    return "spark://" + LoopbackPorts.HOST + ":" + masterPort;
  }

  /** The application settings that let executors on this cluster run the jobs module's code. */
  Map<String, String> applicationConf() {
    return Map.of(
        "spark.executor.extraClassPath",
        classpath,
        "spark.executor.extraJavaOptions",
        JAVA_OPENS,
        "spark.executor.memory",
        "512m",
        "spark.executor.cores",
        "1",
        "spark.cores.max",
        Integer.toString(workers.size()));
  }

  /** The classpath the cluster runs from. */
  String classpath() {
    return classpath;
  }

  /** Number of workers the master currently reports ALIVE (from its JSON status page). */
  int aliveWorkers() throws IOException {
    URL url = new URL("http://" + LoopbackPorts.HOST + ":" + masterUiPort + "/json/");
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    connection.setConnectTimeout(2000);
    connection.setReadTimeout(5000);
    try (InputStream in = connection.getInputStream()) {
      JsonNode status = new ObjectMapper().readTree(in);
      return status.path("aliveworkers").asInt(0);
    } finally {
      connection.disconnect();
    }
  }

  /** Waits until the master reports at least {@code count} alive workers. */
  void awaitAliveWorkers(int count, Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int alive = -1;
    while (System.nanoTime() < deadline) {
      if (!master.isAlive()) {
        throw new IllegalStateException(
            "Spark master exited; see " + workDir.resolve("master.log"));
      }
      try {
        alive = aliveWorkers();
        if (alive >= count) {
          return;
        }
      } catch (IOException e) {
        // the master UI is still starting
      }
      Thread.sleep(250);
    }
    throw new IOException(
        "only "
            + alive
            + " of "
            + count
            + " workers registered in "
            + timeout
            + "; see "
            + workDir);
  }

  /** Kills worker {@code index} and its executors without warning, like a lost machine. */
  void killWorker(int index) {
    ManagedProcesses.kill(workers.get(index));
  }

  /**
   * Which worker runs executor {@code executorId} of application {@code appId}: a standalone worker
   * gives each executor it launches its own directory, {@code WORK_DIR/APP_ID/EXECUTOR_ID}, and
   * every worker here has a work directory of its own. (The executor JVM's command line is not a
   * reliable witness: the JDK cannot always read it back for such long class paths.) -1 when no
   * worker ran it.
   */
  int workerOfExecutor(String appId, String executorId) {
    for (int i = 0; i < workers.size(); i++) {
      if (Files.isDirectory(workerDir(i).resolve(appId).resolve(executorId))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Starts worker {@code index} again (after {@link #killWorker}) and waits until the master counts
   * all workers alive. The master first has to notice the dead one, which it does when its
   * connection drops (or after spark.worker.timeout), so the count must dip before it is trusted.
   */
  void restartWorker(int index) throws IOException, InterruptedException {
    ManagedProcesses.kill(workers.get(index));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (aliveWorkers() >= workers.size() && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    workers.set(index, startWorker(index, workerCores, workerMemory));
    awaitAliveWorkers(workers.size(), Duration.ofSeconds(120));
  }

  @Override
  public void close() {
    workers.forEach(ManagedProcesses::kill);
    workers.clear();
    if (master != null) {
      ManagedProcesses.kill(master);
      master = null;
    }
  }

  private void startMaster() throws IOException, InterruptedException {
    master =
        launch(
            "master",
            List.of("-Dspark.worker.timeout=15"),
            "org.apache.spark.deploy.master.Master",
            "--host",
            LoopbackPorts.HOST,
            "--port",
            Integer.toString(masterPort),
            "--webui-port",
            Integer.toString(masterUiPort));
    LoopbackPorts.awaitListening(masterUiPort, Duration.ofSeconds(90), master, "Spark master");
  }

  private Process startWorker(int index, int cores, String memory) throws IOException {
    Path dir = workerDir(index);
    Files.createDirectories(dir);
    return launch(
        "worker-" + index,
        List.of(),
        "org.apache.spark.deploy.worker.Worker",
        "--host",
        LoopbackPorts.HOST,
        "--port",
        Integer.toString(LoopbackPorts.free()),
        "--webui-port",
        Integer.toString(LoopbackPorts.free()),
        "--cores",
        Integer.toString(cores),
        "--memory",
        memory,
        "--work-dir",
        dir.toString(),
        masterUrl());
  }

  private Path workerDir(int index) {
    return workDir.resolve("worker-" + index);
  }

  private Process launch(String name, List<String> jvmProps, String mainClass, String... args)
      throws IOException {
    Path sparkHome = workDir.resolve("spark-home");
    Files.createDirectories(sparkHome.resolve("jars"));
    List<String> command = new ArrayList<>();
    command.add(ManagedProcesses.javaCommand());
    command.add("-Xmx256m");
    command.addAll(List.of(JAVA_OPENS.split(" ")));
    command.addAll(jvmProps);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve(name + ".log").toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_LOCAL_IP", LoopbackPorts.HOST);
    // the worker builds executor command lines relative to SPARK_HOME; an empty jars/ and a fixed
    // Scala version satisfy it, and the real classpath comes from spark.executor.extraClassPath
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.remove("SPARK_CONF_DIR");
    return ManagedProcesses.start(builder);
  }

  private static String defaultOpens() {
    return String.join(" ", SparkJvmOpens.options());
  }
}
