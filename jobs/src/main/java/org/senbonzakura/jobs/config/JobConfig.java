/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.io.File;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The resolved settings of one run, as plain serializable values: Spark ships this object to the
 * executors, where Typesafe's {@link Config} (not serializable) is not available. Every storage
 * location is an absolute URI string (local paths are made absolute on the driver).
 */
public final class JobConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  public final String storageRoot;
  public final String marsDir;
  public final String blobsDir;
  public final String patchesDir;
  public final String partialsDir;
  public final String tmpDir;

  /** Where the content memos (decoded entries, verified patch applications) are persisted. */
  public final String memoDir;

  /** Inputs of at least this many bytes are memoized on storage, smaller ones per JVM only. */
  public final long memoPersistFrom;

  /** True to verify partials with the patch-application memo (see docs/pipeline.md). */
  public final boolean verifyMemo;

  public final String resultsTable;
  public final String runsTable;
  public final String patchCacheTable;
  public final String marFilesTable;
  public final String marsTable;
  public final String requestsPath;
  public final String requestsFormat;
  public final List<String> allowUrlPrefixes;
  public final long fetchMaxBytes;
  public final int fetchAttempts;
  public final long fetchBackoffMillis;
  public final long fetchTimeoutMillis;
  public final long fetchConnectTimeoutMillis;
  public final long fetchDeadlineMillis;
  public final int fetchConcurrency;
  public final int parallelism;
  public final long diffMemoryBudget;
  public final int diffMemoryPerInputByte;

  /** {@code exact} (Mozilla mbsdiff's bytes, the default) or {@code fast}. */
  public final String diffMode;

  public final boolean diffEarlyVerdict;

  public final String signingPrivateKey;
  public final String signingCertificate;
  public final String marChannelId;
  public final String sparkMaster;
  public final String sparkAppName;
  public final Map<String, String> sparkConf;
  public final String haltAt;

  /** Test hook: a {@code FileDiffer} class used instead of the mode's differ; empty = none. */
  public final String differClass;

  private JobConfig(Config c) throws ConfigurationException {
    storageRoot = qualify(c.getString("sbz.storage-root"));
    marsDir = qualify(c.getString("sbz.paths.mars"));
    blobsDir = qualify(c.getString("sbz.paths.blobs"));
    patchesDir = qualify(c.getString("sbz.paths.patches"));
    partialsDir = qualify(c.getString("sbz.paths.partials"));
    tmpDir = qualify(c.getString("sbz.paths.tmp"));
    memoDir = qualify(c.getString("sbz.paths.memo"));
    memoPersistFrom = c.getBytes("sbz.memo.persist-from");
    verifyMemo = c.getBoolean("sbz.verify.memo");
    resultsTable = qualify(c.getString("sbz.tables.results"));
    runsTable = qualify(c.getString("sbz.tables.runs"));
    patchCacheTable = qualify(c.getString("sbz.tables.patch-cache"));
    marFilesTable = qualify(c.getString("sbz.tables.mar-files"));
    marsTable = qualify(c.getString("sbz.tables.mars"));
    String req = c.getString("sbz.requests.path");
    requestsPath = req.isEmpty() ? "" : qualify(req);
    requestsFormat = c.getString("sbz.requests.format");
    allowUrlPrefixes = List.copyOf(c.getStringList("sbz.fetch.allow-url-prefixes"));
    fetchMaxBytes = c.getBytes("sbz.fetch.max-bytes");
    fetchAttempts = positive(c.getInt("sbz.fetch.attempts"), "sbz.fetch.attempts");
    fetchBackoffMillis = c.getDuration("sbz.fetch.backoff", TimeUnit.MILLISECONDS);
    fetchTimeoutMillis = c.getDuration("sbz.fetch.timeout", TimeUnit.MILLISECONDS);
    fetchConnectTimeoutMillis = c.getDuration("sbz.fetch.connect-timeout", TimeUnit.MILLISECONDS);
    fetchDeadlineMillis = c.getDuration("sbz.fetch.deadline", TimeUnit.MILLISECONDS);
    fetchConcurrency = positive(c.getInt("sbz.fetch.concurrency"), "sbz.fetch.concurrency");
    parallelism = c.getInt("sbz.parallelism");
    diffMemoryBudget = c.getBytes("sbz.diff.memory-budget");
    diffMemoryPerInputByte =
        positive(c.getInt("sbz.diff.memory-per-input-byte"), "sbz.diff.memory-per-input-byte");
    signingPrivateKey = qualifyOptional(c.getString("sbz.signing.private-key"));
    signingCertificate = qualifyOptional(c.getString("sbz.signing.certificate"));
    if (signingPrivateKey.isEmpty() && !signingCertificate.isEmpty()) {
      throw new ConfigurationException(
          "sbz.signing.certificate is set but sbz.signing.private-key is empty");
    }
    diffMode = c.getString("sbz.diff.mode");
    diffEarlyVerdict = c.getBoolean("sbz.diff.early-verdict");
    if (!diffMode.equals("exact") && !diffMode.equals("fast")) {
      throw new ConfigurationException("sbz.diff.mode must be exact or fast, got " + diffMode);
    }
    marChannelId = c.getString("sbz.mar.channel-id");
    sparkMaster = c.getString("sbz.spark.master");
    sparkAppName = c.getString("sbz.spark.app-name");
    Map<String, String> conf = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : c.getConfig("sbz.spark.conf").root().entrySet()) {
      conf.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
    }
    sparkConf = Map.copyOf(conf);
    haltAt = c.getString("sbz.debug.halt-at");
    differClass = c.getString("sbz.debug.differ-class");
    if (!differClass.isEmpty()) {
      try {
        Class<?> k = Class.forName(differClass);
        if (!org.senbonzakura.update.FileDiffer.class.isAssignableFrom(k)) {
          throw new ConfigurationException(
              "sbz.debug.differ-class " + differClass + " is not a FileDiffer");
        }
      } catch (ClassNotFoundException e) {
        throw new ConfigurationException("sbz.debug.differ-class " + differClass + " not found");
      }
    }
    if (fetchTimeoutMillis <= 0 || fetchConnectTimeoutMillis <= 0 || fetchDeadlineMillis <= 0) {
      throw new ConfigurationException(
          "sbz.fetch.timeout, connect-timeout and deadline must be > 0");
    }
    if (fetchMaxBytes <= 0 || diffMemoryBudget <= 0) {
      throw new ConfigurationException(
          "sbz.fetch.max-bytes and sbz.diff.memory-budget must be > 0");
    }
  }

  static JobConfig from(Config c) throws ConfigurationException {
    return new JobConfig(c);
  }

  /** True when signing keys are configured. */
  public boolean signs() {
    return !signingPrivateKey.isEmpty();
  }

  /** The settings as sorted key/value lines, for the run log. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add("storage-root=" + storageRoot);
    lines.add("requests=" + requestsPath + " (" + requestsFormat + ")");
    lines.add("allow-url-prefixes=" + allowUrlPrefixes);
    lines.add("parallelism=" + parallelism + " diff.memory-budget=" + diffMemoryBudget);
    lines.add("signing=" + (signs() ? "on" : "off") + " diff.mode=" + diffMode);
    return lines;
  }

  private static int positive(int v, String key) throws ConfigurationException {
    if (v <= 0) {
      throw new ConfigurationException(key + " must be > 0, got " + v);
    }
    return v;
  }

  private static String qualifyOptional(String location) throws ConfigurationException {
    return location.isEmpty() ? "" : qualify(location);
  }

  /**
   * A location as an absolute URI string: values with a scheme ({@code s3a://}, {@code file:}) are
   * kept; plain paths become absolute {@code file:} URIs.
   */
  static String qualify(String location) throws ConfigurationException {
    if (location.isEmpty()) {
      throw new ConfigurationException("empty storage location");
    }
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      URI u = URI.create(location.replace(" ", "%20"));
      if (!"file".equals(u.getScheme())) {
        return strip(location);
      }
      return fileUri(new File(u));
    }
    return fileUri(new File(location));
  }

  /** {@code file:/abs/path}: the one spelling Hadoop and Delta use for local paths. */
  private static String fileUri(File f) {
    return strip("file:" + f.getAbsoluteFile().toPath().normalize().toUri().getRawPath());
  }

  /** Without a trailing slash, and with {@code //} inside the path collapsed. */
  private static String strip(String s) {
    int start = s.indexOf("://");
    start = start < 0 ? s.indexOf(':') + 1 : s.indexOf('/', start + 3);
    if (start > 0) {
      s = s.substring(0, start) + s.substring(start).replaceAll("/{2,}", "/");
    }
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
