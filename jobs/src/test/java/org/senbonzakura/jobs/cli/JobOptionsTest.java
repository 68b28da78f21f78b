/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.senbonzakura.cli.Args;
import org.senbonzakura.cli.UsageException;
import org.senbonzakura.jobs.cache.CacheCommand;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.config.JobOptions;
import org.senbonzakura.jobs.serve.AdminCommand;
import org.senbonzakura.jobs.serve.ServeCommand;

/** The options every job command shares, parsed in one place (issue #19, item 6). */
class JobOptionsTest {
  @TempDir Path dir;

  private JobConfig load(List<String> argv, Map<String, Object> defaults) throws Exception {
    return JobOptions.load(Args.parse(argv, java.util.Set.of(), JobOptions.names()), defaults);
  }

  @Test
  void sparkSettingsReachTheConfigAndWinOverACommandsDefaults() throws Exception {
    JobConfig c =
        load(
            List.of(
                "--storage-root",
                dir.toString(),
                "--spark-conf",
                "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000/?a=b",
                "--spark-conf=spark.ui.enabled=true"),
            Map.of("sbz.spark.conf.\"spark.ui.enabled\"", "false"));
    assertEquals("http://127.0.0.1:9000/?a=b", c.sparkConf.get("spark.hadoop.fs.s3a.endpoint"));
    assertEquals("true", c.sparkConf.get("spark.ui.enabled"));
    assertTrue(c.storageRoot.endsWith(dir.getFileName().toString()), c.storageRoot);
  }

  @Test
  void aSettingWithoutKeyIsAUsageError() {
    for (String bad : List.of("spark.ui.enabled", "=true", "a b=c", "x\"y=1")) {
      UsageException e =
          assertThrows(UsageException.class, () -> load(List.of("--spark-conf", bad), Map.of()));
      assertTrue(e.getMessage().contains("KEY=VALUE"), e.getMessage());
    }
  }

  @Test
  void everyJobCommandTakesTheSameSharedOptions() throws Exception {
    Map<String, String> usages =
        Map.of(
            "run", new RunCommand().usage(),
            "results", new ResultsCommand().usage(),
            "serve", new ServeCommand().usage(),
            "cache", new CacheCommand().usage(),
            "admin", new AdminCommand().usage());
    usages.forEach(
        (command, usage) -> assertTrue(usage.contains(JobOptions.USAGE), command + ": " + usage));
  }

  @Test
  void serveSeesTheSharedOptionsAndItsOwnInOneTree() throws Exception {
    ServeCommand.Loaded l =
        ServeCommand.load(
            Args.parse(
                List.of(
                    "--storage-root",
                    dir.toString(),
                    "--port",
                    "18080",
                    "--spark-conf",
                    "spark.ui.enabled=true"),
                java.util.Set.of(),
                JobOptions.names("--port", "--bind", "--allow-url-prefix")));
    assertEquals("true", l.job().sparkConf.get("spark.ui.enabled"));
    assertEquals(18080, l.serve().port());
    assertTrue(l.job().storageRoot.endsWith(dir.getFileName().toString()), l.job().storageRoot);
  }
}
