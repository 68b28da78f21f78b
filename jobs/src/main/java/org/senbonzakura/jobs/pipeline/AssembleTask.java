/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.senbonzakura.errors.ErrorLine;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.mar.ContentMemo;
import org.senbonzakura.jobs.mar.ExplodedMar;
import org.senbonzakura.jobs.mar.PartialAssembler;
import org.senbonzakura.jobs.mar.PartialInput;
import org.senbonzakura.jobs.mar.PartialSigner;
import org.senbonzakura.jobs.storage.BlobStore;
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
final class AssembleTask implements MapPartitionsFunction<AssemblyJob, Result> {
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
  public Iterator<Result> call(Iterator<AssemblyJob> requests) {
    BlobStore blobs = new BlobStore(storage, config.blobsDir, config.tmpDir);
    ContentMemo memo =
        config.verifyMemo ? new ContentMemo(storage, config.memoDir, config.memoPersistFrom) : null;
    PartialAssembler assembler = new PartialAssembler(blobs, storage, config.fetchMaxBytes, memo);
    List<Result> out = new ArrayList<>();
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
    PartialPublisher publisher = new PartialPublisher(storage, generator, signer, config.haltAt);
    while (requests.hasNext()) {
      AssemblyJob r = requests.next();
      Result.Outcome o =
          signingError != null
              ? Result.Outcome.failed(signingError)
              : assemble(r, assembler, publisher);
      out.add(Result.of(r, o, runId, generator));
    }
    return out.iterator();
  }

  private Result.Outcome assemble(
      AssemblyJob r, PartialAssembler assembler, PartialPublisher publisher) {
    String diffError = r.getDiffError();
    if (diffError != null) {
      return Result.Outcome.failed(diffError);
    }
    long start = System.nanoTime();
    Path tmp = null;
    String finalPath = partialPath(config.partialsDir, r);
    try {
      PublishedPartial earlier = PublishedPartial.read(storage, finalPath);
      if (earlier != null
          && earlier.describes(storage, finalPath, generator, publisher.signerId())) {
        // published (verified, maybe signed) by a run that stopped before recording it
        return new Result.Outcome(
            "reused",
            null,
            finalPath,
            earlier.size(),
            earlier.sha512(),
            earlier.patched(),
            earlier.added(),
            earlier.removed(),
            (System.nanoTime() - start) / 1_000_000,
            publisher.signs());
      }
      Map<String, PartialInput.StoredPatch> patches = new HashMap<>();
      if (r.getPatches() != null) {
        for (PatchRef p : r.getPatches()) {
          patches.put(
              p.getPath(),
              p.getPatchPath() == null
                  ? PartialInput.StoredPatch.fullWins(p.getPatchSize())
                  : new PartialInput.StoredPatch(p.getPatchPath(), p.getPatchSize()));
        }
      }
      tmp = Files.createTempFile("sbz-partial-", ".mar");
      // assembled and verified by applying it to the FROM tree; only then published
      PartialAssembler.Assembled a = assembler.assemble(input(r, patches), tmp);
      PartialPublisher.Published p = publisher.publish(tmp, finalPath, a);
      long ms = (System.nanoTime() - start) / 1_000_000;
      return new Result.Outcome(
          "done",
          null,
          finalPath,
          p.size(),
          p.sha512(),
          a.patched(),
          a.added(),
          a.removed(),
          ms,
          publisher.signs());
    } catch (IOException | RuntimeException e) {
      return Result.Outcome.failed("assembly failed: " + ErrorLine.of(e));
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a leftover local temporary file is harmless
        }
      }
    }
  }

  /** The request's assembly input: the request, its two file lists and its patches. */
  static PartialInput input(ReadyRequest r, Map<String, PartialInput.StoredPatch> patches) {
    List<String> forced = r.getForcedFiles();
    String version = r.getToMarVersion();
    String channel = r.getMarChannelId();
    return new PartialInput(
        r.getPlatform(),
        r.getFormat(),
        forced == null ? new ArrayList<>() : new ArrayList<>(forced),
        channel == null ? "" : channel,
        version == null ? r.getToVersion() : version,
        files(r.getFromFiles()),
        files(r.getToFiles()),
        patches);
  }

  private static List<ExplodedMar.ExplodedFile> files(List<FileEntry> entries) {
    List<ExplodedMar.ExplodedFile> out = new ArrayList<>(entries.size());
    for (FileEntry e : entries) {
      out.add(e.toFile());
    }
    return out;
  }

  /**
   * The predictable final path of a request's partial: by product, platform, locale and versions,
   * plus the request id so that two requests never share a path.
   */
  static String partialPath(String dir, Request r) {
    String product = r.getProduct();
    return dir
        + "/"
        + product
        + "/"
        + r.getToVersion()
        + "/"
        + r.getPlatform()
        + "/"
        + r.getLocale()
        + "/"
        + product
        + "-"
        + r.getFromVersion()
        + "-"
        + r.getToVersion()
        + "."
        + r.getRequestId().substring(0, 12)
        + ".partial.mar";
  }
}
