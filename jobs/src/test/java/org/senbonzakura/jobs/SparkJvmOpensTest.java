/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The --add-opens list is kept once, in {@code scripts/spark-jvm-opens.args}: this test JVM got it
 * from there through the pom, and {@code scripts/java-opts.sh} reads the same file.
 */
class SparkJvmOpensTest {
  @Test
  void theBuildAndTheLaunchScriptsUseTheOneList() throws Exception {
    List<String> list = SparkJvmOpens.options();
    assertTrue(
        list.stream().anyMatch(o -> o.equals("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")));

    List<String> mine =
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect"))
            .toList();
    assertEquals(list, mine, "the options this test JVM was started with (pom.xml)");

    Process p =
        new ProcessBuilder(
                "bash",
                "-c",
                "set -euo pipefail; . \"$1\"; printf '%s\\n' \"${SBZ_SPARK_OPENS[@]}\"",
                "java-opts",
                SparkJvmOpens.file().resolveSibling("java-opts.sh").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    assertEquals(list, out.lines().toList(), "SBZ_SPARK_OPENS of scripts/java-opts.sh");
  }
}
