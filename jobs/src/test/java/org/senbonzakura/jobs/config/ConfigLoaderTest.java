/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @AfterEach
  void clearProperties() {
    System.clearProperty(ConfigLoader.LOCAL_CONF_PROPERTY);
    System.clearProperty("sbz.parallelism");
  }

  @Test
  void defaultsPutEveryTableUnderTheStorageRoot() throws Exception {
    JobConfig c = ConfigLoader.load(null, Map.of("sbz.storage-root", dir.toString()));
    String root = "file:" + dir.toAbsolutePath();
    assertEquals(root, c.storageRoot);
    assertEquals(root + "/tables/results", c.resultsTable);
    assertEquals(root + "/mars", c.marsDir);
    assertEquals("local[*]", c.sparkMaster);
    assertEquals(List.of(), c.allowUrlPrefixes);
  }

  @Test
  void layersApplyInOrderLocalThenUserThenSystemPropertiesThenFlags() throws Exception {
    Path local =
        Files.writeString(
            dir.resolve("local.conf"),
            "sbz.parallelism = 3\nsbz.diff.memory-budget = 1m\nsbz.mar.channel-id = local\n");
    Path user =
        Files.writeString(
            dir.resolve("user.conf"), "sbz.parallelism = 4\nsbz.mar.channel-id = user\n");
    System.setProperty(ConfigLoader.LOCAL_CONF_PROPERTY, local.toString());
    JobConfig c = ConfigLoader.load(user.toString(), Map.of());
    assertEquals(4, c.parallelism);
    assertEquals(1 << 20, c.diffMemoryBudget);
    assertEquals("user", c.marChannelId);
    System.setProperty("sbz.parallelism", "5");
    assertEquals(5, ConfigLoader.load(user.toString(), Map.of()).parallelism);
    assertEquals(6, ConfigLoader.load(user.toString(), Map.of("sbz.parallelism", 6)).parallelism);
  }

  @Test
  void theEarlyVerdictIsOffUnlessConfigured() throws Exception {
    assertFalse(ConfigLoader.load(null, Map.of()).diffEarlyVerdict);
    assertTrue(ConfigLoader.load(null, Map.of("sbz.diff.early-verdict", true)).diffEarlyVerdict);
  }

  @Test
  void s3LocationsAreKeptAsGiven() throws Exception {
    JobConfig c = ConfigLoader.load(null, Map.of("sbz.storage-root", "s3a://bucket/prefix/"));
    assertEquals("s3a://bucket/prefix", c.storageRoot);
    assertEquals("s3a://bucket/prefix/tables/patch_cache", c.patchCacheTable);
  }

  @Test
  void badValuesNameTheKey() throws Exception {
    Path user = Files.writeString(dir.resolve("bad.conf"), "sbz.fetch.attempts = 0\n");
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class, () -> ConfigLoader.load(user.toString(), Map.of()));
    assertTrue(e.getMessage().contains("sbz.fetch.attempts"), e.getMessage());
    assertThrows(
        ConfigurationException.class,
        () -> ConfigLoader.load(dir.resolve("missing.conf").toString(), Map.of()));
  }
}
