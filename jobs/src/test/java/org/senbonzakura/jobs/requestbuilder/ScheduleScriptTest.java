/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requestbuilder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.jobs.report.ReportDom;

/**
 * The cron path, for real: {@code scripts/schedule/run-release.sh} builds the requests from two
 * release directories made of the golden complete MARs, runs the pipeline ({@code JobsCli run}, the
 * command {@code scripts/submit/local.sh} starts) and checks the run table with {@code sbz report
 * --fail-on-failures}. One locale's TO MAR is corrupt, so the run must report a failure (exit 3)
 * while the others are done; a second run over the done locales has nothing to do (exit 0). The
 * commands run from the test classpath, so no packaged jars are needed.
 */
class ScheduleScriptTest {
  @TempDir Path tmp;

  @Test
  void buildsRunsAndChecksForFailures() throws Exception {
    Path golden = Path.of(System.getProperty("sbz.shared"), "golden", "partial-small");
    for (String locale : List.of("de", "en-US", "fr")) {
      Path from = Files.createDirectories(tmp.resolve("rel/1.0/linux-x86_64/" + locale));
      Path to = Files.createDirectories(tmp.resolve("rel/2.0/linux-x86_64/" + locale));
      Files.copy(golden.resolve("a.complete.mar"), from.resolve("firefox-1.0.complete.mar"));
      if (locale.equals("fr")) {
        Files.writeString(to.resolve("firefox-2.0.complete.mar"), "MAR1 but not really a MAR");
      } else {
        Files.copy(golden.resolve("b.complete.mar"), to.resolve("firefox-2.0.complete.mar"));
      }
    }
    Path sbz = launcher("sbz", "");
    Path submit = launcher("submit", "run");
    Path root = tmp.resolve("root");
    Path report = tmp.resolve("report.html");
    List<String> base =
        List.of(
            script().toString(),
            "--to",
            tmp.resolve("rel/2.0").toString(),
            "--from",
            tmp.resolve("rel/1.0").toString(),
            "--storage-root",
            root.toString(),
            "--allow-url-prefix",
            tmp.toUri().toString(),
            "--work",
            tmp.resolve("work").toString(),
            "--report",
            report.toString());
    Result first = run(base, sbz, submit);
    assertEquals(3, first.status, first.log);
    assertTrue(first.log.contains("running the job on 3 request(s)"), first.log);
    assertTrue(first.log.contains("FAILED requests in the latest run"), first.log);
    List<Map<String, String>> runs = ReportDom.parse(Files.readString(report)).tableRows("#runs");
    assertEquals(1, runs.size(), "the report lists the one run: " + runs);
    Map<String, String> last = runs.get(0);
    assertEquals("3", last.get("requests"), last.toString());
    assertEquals("2", last.get("done"), last.toString());
    assertEquals("0", last.get("reused"), last.toString());
    assertEquals("1", last.get("failed"), last.toString());

    List<String> again = new java.util.ArrayList<>(base);
    again.addAll(List.of("--", "--locale", "de,en-US"));
    Result second = run(again, sbz, submit);
    assertEquals(0, second.status, second.log);
    assertTrue(second.log.contains("nothing to do"), second.log);
  }

  private record Result(int status, String log) {}

  private Result run(List<String> cmd, Path sbz, Path submit) throws Exception {
    Path log = Files.createTempFile(tmp, "run", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SBZ_CMD", sbz.toString());
    pb.environment().put("SBZ_SUBMIT", submit.toString());
    Process p = pb.start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("run-release.sh timed out: " + Files.readString(log));
    }
    return new Result(p.exitValue(), Files.readString(log));
  }

  private static Path script() {
    return Path.of(System.getProperty("sbz.repo"), "scripts", "schedule", "run-release.sh");
  }

  /** A stand-in for scripts/sbz (or local.sh with {@code run}) that uses the test classpath. */
  private Path launcher(String name, String subcommand) throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path f = tmp.resolve(name + ".sh");
    Files.writeString(
        f,
        "#!/usr/bin/env bash\nset -euo pipefail\n"
            + ". '"
            + Path.of(System.getProperty("sbz.repo"), "scripts", "java-opts.sh")
            + "'\n"
            + "exec \"$SBZ_JAVA\" -Xmx1g -XX:TieredStopAtLevel=1 \"${SBZ_SPARK_OPENS[@]}\""
            + " -Dspark.master='local[2]' -Dspark.ui.enabled=false"
            + " -Dspark.sql.shuffle.partitions=2 -Dspark.default.parallelism=2"
            + " -Dspark.ui.showConsoleProgress=false"
            + " -cp '"
            + cp
            + "' org.senbonzakura.jobs.cli.JobsCli "
            + subcommand
            + " \"$@\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
    return f;
  }
}
