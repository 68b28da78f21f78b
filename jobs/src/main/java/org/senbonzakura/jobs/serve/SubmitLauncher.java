/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import static org.apache.spark.sql.functions.col;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.pipeline.RunStats;
import org.senbonzakura.jobs.tables.DeltaTables;
import org.senbonzakura.jobs.tables.TableSchemas;

/**
 * {@code sbz.serve.runner = submit}: each run is a {@code scripts/submit/*.sh} process (local mode
 * in its own JVM, or a driver on a cluster), so the service's JVM only queues and answers. The
 * script gets the batch's requests file and the service's storage root, allow-list and config; its
 * stderr goes to the service's log. The run counts as completed only when the script prints the
 * summary of {@code sbz run} and exits 0, or 1 (the exit of a run with failed requests), and the
 * run it names is in the runs table; anything else, or a run longer than the timeout (the script is
 * then killed), is a failed run and the batch stays queued.
 *
 * <p>A service killed with {@code kill -9} leaves its script running. On a {@code file:} root the
 * launcher records the script's pid beside the root's lock and, before its next run, kills a
 * recorded process that is still alive, so a restarted service never runs beside its predecessor's
 * run (the pipeline makes the killed run's partial work reusable, as after any crash).
 */
final class SubmitLauncher implements PipelineLauncher {
  /** The first line of {@code RunStats.summary()}: {@code sbz run <run id> (<generator>)}. */
  private static final Pattern SUMMARY = Pattern.compile("^sbz run (\\S+) \\(.*\\)$");

  private static final int KEPT_LINES = 20;

  private final SparkSession spark;
  private final JobConfig config;
  private final ServeSettings.Submit submit;
  private final Path pidFile;

  SubmitLauncher(SparkSession spark, JobConfig config, ServeSettings.Submit submit) {
    this.spark = spark;
    this.config = config;
    this.submit = submit;
    this.pidFile =
        config.storageRoot.startsWith("file:")
            ? Path.of(URI.create(config.storageRoot.replace(" ", "%20")))
                .resolve(".sbz-serve-submit.pid")
            : null;
  }

  /** The script's command line for one requests file. */
  List<String> command(String requestsFile) {
    List<String> cmd = new ArrayList<>();
    cmd.add(submit.script());
    cmd.add("--requests");
    cmd.add(requestsFile);
    cmd.add("--storage-root");
    cmd.add(config.storageRoot);
    for (String p : config.allowUrlPrefixes) {
      cmd.add("--allow-url-prefix");
      cmd.add(p);
    }
    if (!submit.conf().isEmpty()) {
      cmd.add("--conf");
      cmd.add(submit.conf());
    }
    cmd.addAll(submit.args());
    return cmd;
  }

  @Override
  public RunStats launch(String requestsFile, Consumer<Supplier<String>> phase) throws IOException {
    reapOrphan();
    ProcessBuilder pb = new ProcessBuilder(command(requestsFile));
    pb.environment().putAll(submit.env());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    recordPid(p.toHandle());
    phase.accept(() -> "submitted");
    Deque<String> out = new ArrayDeque<>();
    Deque<String> err = new ArrayDeque<>();
    AtomicReference<String> runId = new AtomicReference<>();
    Thread outPump =
        pump(
            p.getInputStream(),
            out,
            "stdout",
            line -> {
              String id = runId(line);
              if (id != null) {
                runId.compareAndSet(null, id);
              }
            });
    Thread errPump = pump(p.getErrorStream(), err, "stderr", line -> {});
    try {
      if (!p.waitFor(submit.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        kill(p.toHandle());
        throw new IOException(
            submit.script()
                + " ran longer than sbz.serve.submit.timeout ("
                + submit.timeout()
                + "); killed");
      }
      outPump.join(TimeUnit.SECONDS.toMillis(30));
      errPump.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      kill(p.toHandle());
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + submit.script() + " ran; killed it", e);
    } finally {
      clearPid();
    }
    int exit = p.exitValue();
    if ((exit != 0 && exit != 1) || runId.get() == null) {
      List<String> tail = snapshot(err);
      throw new IOException(
          submit.script()
              + " exited with "
              + exit
              + (runId.get() == null ? " without a run summary" : "")
              + (tail.isEmpty() ? "" : ": " + tail.get(tail.size() - 1)));
    }
    return stats(runId.get());
  }

  /** The run id if {@code line} is the first line of the summary {@code sbz run} prints. */
  static String runId(String line) {
    Matcher m = SUMMARY.matcher(line.trim());
    return m.matches() ? m.group(1) : null;
  }

  /** The run's counters, from the row it wrote to the runs table. */
  private RunStats stats(String runId) throws IOException {
    List<Row> rows =
        DeltaTables.readOrEmpty(spark, config.runsTable, TableSchemas.RUNS)
            .filter(col("run_id").equalTo(runId))
            .collectAsList();
    if (rows.isEmpty()) {
      throw new IOException("run " + runId + " is not in the runs table " + config.runsTable);
    }
    Row r = rows.get(0);
    RunStats s = new RunStats();
    s.runId = runId;
    s.startedAt = r.getAs("started_at");
    s.wallMs = r.getAs("wall_ms");
    s.requests = r.getAs("requests");
    s.done = r.getAs("done");
    s.reused = r.getAs("reused");
    s.failed = r.getAs("failed");
    s.distinctMars = r.getAs("distinct_mars");
    s.l1Hits = Math.round(r.<Double>getAs("l1_hit_rate") * s.distinctMars);
    s.marsFetched = r.getAs("mars_fetched");
    s.fileRows = r.getAs("file_rows");
    s.changedPairs = r.getAs("changed_pairs");
    s.distinctPairs = r.getAs("distinct_pairs");
    s.cacheHits = r.getAs("cache_hits");
    s.diffsComputed = r.getAs("diffs_computed");
    s.diffsFailed = r.getAs("diffs_failed");
    s.fetchMs = r.getAs("fetch_ms");
    s.explodeMs = r.getAs("explode_ms");
    s.pairsMs = r.getAs("pairs_ms");
    s.diffMs = r.getAs("diff_ms");
    s.assembleMs = r.getAs("assemble_ms");
    s.generatorVersion = r.getAs("generator_version");
    return s;
  }

  /** Copies a stream of the script to the service's log, keeping its last lines. */
  private static Thread pump(
      InputStream in, Deque<String> kept, String name, Consumer<String> each) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  System.err.println("sbz serve: submit: " + line);
                  each.accept(line);
                  synchronized (kept) {
                    kept.addLast(line);
                    if (kept.size() > KEPT_LINES) {
                      kept.removeFirst();
                    }
                  }
                }
              } catch (IOException e) {
                System.err.println("sbz serve: submit: " + name + ": " + e.getMessage());
              }
            },
            "sbz-serve-submit-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static List<String> snapshot(Deque<String> kept) {
    synchronized (kept) {
      return new ArrayList<>(kept);
    }
  }

  private static void kill(ProcessHandle h) {
    h.descendants().forEach(ProcessHandle::destroyForcibly);
    h.destroyForcibly();
    h.onExit().orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> h).join();
  }

  /** Kills the script a killed predecessor on this root left running, if it still runs. */
  private void reapOrphan() throws IOException {
    if (pidFile == null || !Files.exists(pidFile)) {
      return;
    }
    String[] recorded = Files.readString(pidFile, StandardCharsets.US_ASCII).trim().split(" ");
    long pid;
    try {
      pid = Long.parseLong(recorded[0]);
    } catch (NumberFormatException e) {
      clearPid();
      return;
    }
    // the start time tells the recorded process from a later one that reuses its pid
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isPresent()
        && h.get().isAlive()
        && recorded.length == 2
        && !recorded[1].equals("?")
        && recorded[1].equals(started(h.get()))) {
      System.err.println("sbz serve: killing run process " + pid + " left by a stopped service");
      kill(h.get());
    }
    clearPid();
  }

  private void recordPid(ProcessHandle h) throws IOException {
    if (pidFile != null) {
      Files.writeString(pidFile, h.pid() + " " + started(h), StandardCharsets.US_ASCII);
    }
  }

  private static String started(ProcessHandle h) {
    return h.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("?");
  }

  private void clearPid() throws IOException {
    if (pidFile != null) {
      Files.deleteIfExists(pidFile);
    }
  }
}
