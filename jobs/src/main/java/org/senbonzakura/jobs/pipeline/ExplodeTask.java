/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.senbonzakura.errors.ErrorLine;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.mar.ContentMemo;
import org.senbonzakura.jobs.mar.ExplodedMar;
import org.senbonzakura.jobs.mar.MarExploder;
import org.senbonzakura.jobs.storage.BlobStore;
import org.senbonzakura.jobs.storage.LocalCopy;
import org.senbonzakura.jobs.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2 on the executors: explodes each fetched MAR into the blob store. Emits one {@link
 * MarRecord} per MAR (a {@code mars} row plus its file list); a MAR the reader refuses gets status
 * {@code failed} and the reader's reason.
 */
final class ExplodeTask implements MapPartitionsFunction<FetchedMar, MarRecord> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ExplodeTask.class);

  private final JobConfig config;
  private final Storage storage;
  private final String runId;

  ExplodeTask(JobConfig config, Storage storage, String runId) {
    this.config = config;
    this.storage = storage;
    this.runId = runId;
  }

  @Override
  public Iterator<MarRecord> call(Iterator<FetchedMar> fetched) {
    BlobStore blobs = new BlobStore(storage, config.blobsDir, config.tmpDir);
    ContentMemo memo = new ContentMemo(storage, config.memoDir, config.memoPersistFrom);
    List<MarRecord> out = new ArrayList<>();
    while (fetched.hasNext()) {
      FetchedMar m = fetched.next();
      String sha = m.getMarSha512();
      long size = m.getSize() == null ? 0 : m.getSize();
      try (LocalCopy local = LocalCopy.of(storage, m.getLocation())) {
        ExplodedMar x =
            MarExploder.explode(local.path(), blobs, config.fetchMaxBytes, storage, memo);
        LOG.info("explode {}: {}", sha.substring(0, 12), x.stats());
        List<FileEntry> files = new ArrayList<>();
        for (ExplodedMar.ExplodedFile f : x.files()) {
          files.add(FileEntry.of(f));
        }
        out.add(mar(sha, "ok", null, size, x.productVersion(), x.channel(), x.buildId(), files));
      } catch (IOException | RuntimeException e) {
        String reason = "cannot explode MAR: " + ErrorLine.of(e);
        out.add(mar(sha, "failed", reason, size, null, null, null, List.of()));
      }
    }
    return out.iterator();
  }

  private MarRecord mar(
      String sha,
      String status,
      String error,
      long size,
      String version,
      String channel,
      String buildId,
      List<FileEntry> files) {
    MarRecord m = new MarRecord();
    m.setMarSha512(sha);
    m.setStatus(status);
    m.setError(error);
    m.setSize(size);
    m.setProductVersion(version);
    m.setMarChannel(channel);
    m.setBuildId(buildId);
    m.setFileCount(files.size());
    m.setRunId(runId);
    m.setFiles(files);
    return m;
  }
}
