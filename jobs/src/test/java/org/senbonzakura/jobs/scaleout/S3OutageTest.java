/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The S3 server goes away while a write is due. With a short retry budget the write fails with an
 * error that names the cause, and no partial object is ever visible. (With a budget longer than the
 * outage the whole pipeline rides it out: {@link S3PipelineTest}.)
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class S3OutageTest {
  private static final String IMPATIENT = "sbz-outage-impatient";
  private static S3ProxyServer s3;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyServer.start(BuiltClasspath.workDir("s3-outage"));
    s3.createBucket(IMPATIENT);
    spark = ScaleoutSessions.localWithDelta("s3-outage");
    ScaleoutSessions.applyHadoop(
        spark, S3aSettings.hadoop(s3, IMPATIENT, S3aSettings.RetryBudget.impatient()));
  }

  @AfterAll
  static void stop() {
    ScaleoutSessions.stop(spark);
    if (s3 != null) {
      s3.close();
    }
  }

  @BeforeEach
  void serverUp() throws Exception {
    if (!s3.running()) {
      s3.restart();
    }
  }

  @Test
  void aWriteFailsClearlyAfterAShortBudgetAndLeavesNoPartialObject() throws Exception {
    FileSystem fs = fs(IMPATIENT);
    Path path = new Path("s3a://" + IMPATIENT + "/objects/never-half-written");
    fs.exists(path); // opens the connection pool while the server is up
    s3.stop();
    long started = System.nanoTime();
    IOException error =
        assertThrows(
            IOException.class,
            () -> {
              try (OutputStream out = fs.create(path, true)) {
                out.write(content(99));
              }
            });
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    String message = String.valueOf(error.getMessage());
    System.out.println("after " + seconds + " s, S3A reported: " + message);
    assertTrue(seconds < 60, "the short budget is short: " + seconds + " s");
    assertTrue(
        message.contains("refused") || message.contains(String.valueOf(s3.port())),
        "the error names the cause: " + message);

    s3.restart();
    assertFalse(fs.exists(path), "a failed write leaves nothing at the final key");
  }

  private static FileSystem fs(String bucket) throws Exception {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    return FileSystem.get(new URI("s3a://" + bucket + "/"), conf);
  }

  static byte[] content(int i) {
    return ("object " + i + " ").repeat(1000).getBytes(StandardCharsets.UTF_8);
  }
}
