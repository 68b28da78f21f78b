/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Hadoop settings that point S3A at a test S3 server: path-style access, plain HTTP, fixed
 * credentials, small multipart parts, and a bounded retry budget. They are per-bucket keys
 * (fs.s3a.bucket.NAME.*) so that several tests with different budgets share one JVM and one
 * SparkContext without seeing each other's settings.
 */
final class S3aSettings {
  private S3aSettings() {}

  /** How long S3A keeps retrying a failing call before it gives up. */
  record RetryBudget(int sdkAttempts, int s3aRetries, String interval) {
    /** Rides out an outage of several seconds: up to ~7 exponential retries from 500 ms. */
    static RetryBudget patient() {
      return new RetryBudget(2, 7, "500ms");
    }

    /** Gives up in about a second: for showing the failure after the budget is spent. */
    static RetryBudget impatient() {
      return new RetryBudget(1, 1, "100ms");
    }
  }

  /** Hadoop keys (without the spark.hadoop. prefix) for one bucket on the server. */
  static Map<String, String> hadoop(S3ProxyServer server, String bucket, RetryBudget budget) {
    Map<String, String> generic = new LinkedHashMap<>();
    generic.put("endpoint", server.endpoint());
    generic.put("path.style.access", "true");
    generic.put("connection.ssl.enabled", "false");
    generic.put("access.key", S3ProxyServer.ACCESS_KEY);
    generic.put("secret.key", S3ProxyServer.SECRET_KEY);
    generic.put(
        "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    generic.put("multipart.size", "5M");
    generic.put("multipart.threshold", "5M");
    generic.put("fast.upload.buffer", "disk");
    // Hadoop 3.3.4 deletes parent "directory marker" objects after every write, in a pool that a
    // busy writer can starve (writes hang in finishedWrite); keeping markers avoids the delete
    // entirely and halves the requests per write.
    generic.put("directory.marker.retention", "keep");
    generic.put("attempts.maximum", Integer.toString(budget.sdkAttempts()));
    generic.put("retry.limit", Integer.toString(budget.s3aRetries()));
    generic.put("retry.interval", budget.interval());
    generic.put("retry.throttle.limit", Integer.toString(budget.s3aRetries()));
    generic.put("retry.throttle.interval", budget.interval());
    generic.put("connection.establish.timeout", "2000");
    generic.put("connection.timeout", "10000");
    Map<String, String> perBucket = new LinkedHashMap<>();
    generic.forEach((k, v) -> perBucket.put("fs.s3a.bucket." + bucket + "." + k, v));
    return perBucket;
  }
}
