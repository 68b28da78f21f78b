/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.senbonzakura.errors.ErrorLine;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.mar.ContentMemo;
import org.senbonzakura.jobs.mar.ExplodedMar;
import org.senbonzakura.jobs.mar.MarExploder;
import org.senbonzakura.jobs.storage.BlobStore;
import org.senbonzakura.jobs.storage.LocalCopy;
import org.senbonzakura.jobs.storage.Storage;
import org.senbonzakura.jobs.tables.TableSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2 on the executors: explodes each fetched MAR into the blob store. Emits one row per MAR
 * (the {@code mars} table's columns plus its file list); a MAR the reader refuses gets status
 * {@code failed} and the reader's reason.
 */
final class ExplodeTask implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ExplodeTask.class);

  static final StructType SCHEMA =
      TableSchemas.MARS.add("files", DataTypes.createArrayType(Rows.FILE, false), false);

  private final JobConfig config;
  private final Storage storage;
  private final String runId;

  ExplodeTask(JobConfig config, Storage storage, String runId) {
    this.config = config;
    this.storage = storage;
    this.runId = runId;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> fetched) {
    BlobStore blobs = new BlobStore(storage, config.blobsDir, config.tmpDir);
    ContentMemo memo = new ContentMemo(storage, config.memoDir, config.memoPersistFrom);
    List<Row> out = new ArrayList<>();
    while (fetched.hasNext()) {
      Row m = fetched.next();
      String sha = Rows.str(m, "mar_sha512");
      long size = Rows.lng(m, "size");
      try (LocalCopy local = LocalCopy.of(storage, Rows.str(m, "location"))) {
        ExplodedMar x =
            MarExploder.explode(local.path(), blobs, config.fetchMaxBytes, storage, memo);
        LOG.info("explode {}: {}", sha.substring(0, 12), x.stats());
        List<Row> files = new ArrayList<>();
        for (ExplodedMar.ExplodedFile f : x.files()) {
          files.add(Rows.fileRow(f));
        }
        out.add(
            RowFactory.create(
                sha,
                "ok",
                null,
                size,
                x.productVersion(),
                x.channel(),
                x.buildId(),
                files.size(),
                runId,
                Rows.seq(files)));
      } catch (IOException | RuntimeException e) {
        String reason = "cannot explode MAR: " + ErrorLine.of(e);
        out.add(
            RowFactory.create(
                sha, "failed", reason, size, null, null, null, 0, runId, Rows.seq(List.of())));
      }
    }
    return out.iterator();
  }
}
