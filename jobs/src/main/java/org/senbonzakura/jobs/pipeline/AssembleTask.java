/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.senbonzakura.errors.ErrorLine;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.mar.ContentMemo;
import org.senbonzakura.jobs.mar.PartialAssembler;
import org.senbonzakura.jobs.mar.PartialInput;
import org.senbonzakura.jobs.mar.PartialSigner;
import org.senbonzakura.jobs.storage.BlobStore;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.jobs.storage.Storage;

/**
 * Stage 5 on the executors: per request, writes the partial to a local temporary file, verifies it
 * by applying it to the FROM tree, and only then publishes it at its final path (atomic commit), so
 * no reader ever sees an incomplete or unverified partial. When signing is configured the verified
 * partial is signed (the key is loaded here, once per partition, from its configured location) and
 * the signed file is what gets published. Emits its result row: a request that fails (an I/O or
 * assembly error) fails alone; an {@link Error} such as {@link OutOfMemoryError} is left to Spark,
 * since the executor's state after it is unknown.
 */
final class AssembleTask implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final JobConfig config;
  private final Storage storage;
  private final String runId;
  private final String generator;

  AssembleTask(JobConfig config, Storage storage, String runId, String generator) {
    this.config = config;
    this.storage = storage;
    this.runId = runId;
    this.generator = generator;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> requests) {
    BlobStore blobs = new BlobStore(storage, config.blobsDir, config.tmpDir);
    ContentMemo memo =
        config.verifyMemo ? new ContentMemo(storage, config.memoDir, config.memoPersistFrom) : null;
    PartialAssembler assembler = new PartialAssembler(blobs, storage, config.fetchMaxBytes, memo);
    List<Row> out = new ArrayList<>();
    if (!requests.hasNext()) {
      return out.iterator();
    }
    PartialSigner signer = null;
    String signingError = null;
    if (config.signs()) {
      try {
        signer = PartialSigner.load(storage, config.signingPrivateKey, config.signingCertificate);
      } catch (IOException | RuntimeException e) {
        signingError = "cannot sign: " + ErrorLine.of(e);
      }
    }
    while (requests.hasNext()) {
      Row r = requests.next();
      ResultRows.Outcome o =
          signingError != null
              ? ResultRows.Outcome.failed(signingError)
              : assemble(r, assembler, signer);
      out.add(ResultRows.build(r, o, runId, generator));
    }
    return out.iterator();
  }

  private ResultRows.Outcome assemble(Row r, PartialAssembler assembler, PartialSigner signer) {
    String diffError = Rows.str(r, "diff_error");
    if (diffError != null) {
      return ResultRows.Outcome.failed(diffError);
    }
    long start = System.nanoTime();
    Path tmp = null;
    Path signed = null;
    String finalPath = partialPath(config.partialsDir, r);
    String signerId = signer == null ? "" : signer.fingerprint();
    try {
      PublishedPartial earlier = PublishedPartial.read(storage, finalPath);
      if (earlier != null && earlier.describes(storage, finalPath, generator, signerId)) {
        // published (verified, maybe signed) by a run that stopped before recording it
        return new ResultRows.Outcome(
            "reused",
            null,
            finalPath,
            earlier.size(),
            earlier.sha512(),
            earlier.patched(),
            earlier.added(),
            earlier.removed(),
            (System.nanoTime() - start) / 1_000_000,
            signer != null);
      }
      Map<String, PartialInput.StoredPatch> patches = new HashMap<>();
      if (r.getAs("patches") != null) {
        for (Row p : r.<Row>getList(r.fieldIndex("patches"))) {
          patches.put(
              p.getString(0),
              p.isNullAt(1)
                  ? PartialInput.StoredPatch.fullWins(p.getLong(2))
                  : new PartialInput.StoredPatch(p.getString(1), p.getLong(2)));
        }
      }
      tmp = Files.createTempFile("sbz-partial-", ".mar");
      PartialAssembler.Assembled a = assembler.assemble(input(r, patches), tmp);
      if (signer != null) {
        signed = Files.createTempFile("sbz-signed-", ".mar");
        signer.sign(tmp, signed);
        Files.delete(tmp);
        tmp = signed;
      }
      MessageDigest md = Digests.sha512();
      try (InputStream in = Files.newInputStream(tmp)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
      long size = Files.size(tmp);
      String sha512 = Digests.hex(md.digest());
      // the record first: a crash between the two leaves a record without its partial (rebuilt
      // next time), never a published partial without its record
      new PublishedPartial(generator, signerId, size, sha512, a.patched(), a.added(), a.removed())
          .write(storage, finalPath);
      Path local = tmp;
      storage.writeAtomically(finalPath, true, o -> Files.copy(local, o));
      Halt.after(config.haltAt, "assemble");
      long ms = (System.nanoTime() - start) / 1_000_000;
      return new ResultRows.Outcome(
          "done",
          null,
          finalPath,
          size,
          sha512,
          a.patched(),
          a.added(),
          a.removed(),
          ms,
          signer != null);
    } catch (IOException | RuntimeException e) {
      return ResultRows.Outcome.failed("assembly failed: " + ErrorLine.of(e));
    } finally {
      for (Path p : new Path[] {tmp, signed}) {
        if (p != null) {
          try {
            Files.deleteIfExists(p);
          } catch (IOException ignored) {
            // a leftover local temporary file is harmless
          }
        }
      }
    }
  }

  /** The request's assembly input, from a row holding the request and both file lists. */
  static PartialInput input(Row r, Map<String, PartialInput.StoredPatch> patches) {
    List<String> forced = r.getList(r.fieldIndex("forced_files"));
    String version = Rows.str(r, "to_mar_version");
    String channel = Rows.str(r, "mar_channel_id");
    return new PartialInput(
        Rows.str(r, "platform"),
        Rows.str(r, "format"),
        new ArrayList<>(forced),
        channel == null ? "" : channel,
        version == null ? Rows.str(r, "to_version") : version,
        Rows.files(r, "from_files"),
        Rows.files(r, "to_files"),
        patches);
  }

  /**
   * The predictable final path of a request's partial: by product, platform, locale and versions,
   * plus the request id so that two requests never share a path.
   */
  static String partialPath(String dir, Row r) {
    String product = Rows.str(r, "product");
    return dir
        + "/"
        + product
        + "/"
        + Rows.str(r, "to_version")
        + "/"
        + Rows.str(r, "platform")
        + "/"
        + Rows.str(r, "locale")
        + "/"
        + product
        + "-"
        + Rows.str(r, "from_version")
        + "-"
        + Rows.str(r, "to_version")
        + "."
        + Rows.str(r, "request_id").substring(0, 12)
        + ".partial.mar";
  }
}
