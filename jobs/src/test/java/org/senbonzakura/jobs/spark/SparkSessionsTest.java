/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.senbonzakura.jobs.storage.local.LocalFileSystems;

/** The settings every sbz session gets, and which of them a caller's own settings override. */
class SparkSessionsTest {
  @Test
  void anEmptyConfGetsDeltaAndTheLocalFileSystem() {
    SparkConf conf = SparkSessions.withSbzSettings(new SparkConf(false));
    SparkSessions.DELTA.forEach((k, v) -> assertEquals(v, conf.get(k), k));
    LocalFileSystems.SPARK_SETTINGS.forEach((k, v) -> assertEquals(v, conf.get(k), k));
    assertEquals(
        SparkSessions.DELTA.size() + LocalFileSystems.SPARK_SETTINGS.size(), conf.getAll().length);
  }

  @Test
  void deltaAlwaysWinsAndACallersFileSystemStays() {
    SparkConf conf = new SparkConf(false);
    conf.set("spark.sql.extensions", "some.OtherExtension");
    conf.set("spark.hadoop.fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem");
    SparkSessions.withSbzSettings(conf);
    assertEquals(SparkSessions.DELTA.get("spark.sql.extensions"), conf.get("spark.sql.extensions"));
    assertEquals("org.apache.hadoop.fs.LocalFileSystem", conf.get("spark.hadoop.fs.file.impl"));
  }
}
