/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.mar;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.senbonzakura.jobs.storage.BlobStore;
import org.senbonzakura.jobs.storage.Storage;
import org.senbonzakura.mar.MarWriteOptions;
import org.senbonzakura.mar.MarWriter;
import org.senbonzakura.update.EntryCompression;
import org.senbonzakura.update.FileInfo;
import org.senbonzakura.update.Manifest;
import org.senbonzakura.update.PartialPlan;
import org.senbonzakura.update.PartialPlanner;
import org.senbonzakura.update.PartialVerifier;
import org.senbonzakura.update.PatchOutcome;
import org.senbonzakura.update.PlanEntry;
import org.senbonzakura.update.PlanOptions;
import org.senbonzakura.update.TreeListing;
import org.senbonzakura.update.UpdateException;
import org.senbonzakura.update.UpdateFormat;
import org.senbonzakura.update.UpdateTools;

/**
 * Writes one partial MAR from stored parts, following the shared planner's manifest and entry
 * order, then verifies it by applying it to the FROM tree. Full files are the TO MAR's stored
 * entries copied verbatim when the compression matches (as Mozilla's own tools would produce them);
 * patches are the stored compressed patches; nothing is held whole in memory while writing.
 */
public final class PartialAssembler {
  private final BlobStore blobs;
  private final Storage storage;
  private final long maxFileSize;
  private final MemoVerifier memoVerifier;

  /** An assembler that verifies by applying every patch ({@code PartialVerifier}). */
  public PartialAssembler(BlobStore blobs, Storage storage, long maxFileSize) {
    this(blobs, storage, maxFileSize, null);
  }

  /**
   * An assembler that verifies with {@link MemoVerifier} when {@code memo} is not null: a patch
   * applied to the same old file before (any locale, any run) is not applied again.
   */
  public PartialAssembler(BlobStore blobs, Storage storage, long maxFileSize, ContentMemo memo) {
    this.blobs = blobs;
    this.storage = storage;
    this.maxFileSize = maxFileSize;
    this.memoVerifier = memo == null ? null : new MemoVerifier(blobs, memo, maxFileSize);
  }

  /** What was written. */
  public record Assembled(int patched, int added, int removed) {}

  /** The path list of the planner's diff candidates for these two trees. */
  public static List<String> candidates(PartialInput in) throws UpdateException {
    return PartialPlanner.patchCandidates(
        listing(in.fromFiles(), null), listing(in.toFiles(), null), options(in));
  }

  /** Writes the partial to {@code out} (a local file) and verifies it. */
  public Assembled assemble(PartialInput in, Path out) throws IOException, UpdateException {
    TreeListing from = listing(in.fromFiles(), null);
    TreeListing to = listing(in.toFiles(), removedFiles(in.toFiles()));
    Map<String, ExplodedMar.ExplodedFile> toFiles = new HashMap<>();
    for (ExplodedMar.ExplodedFile f : in.toFiles()) {
      toFiles.put(f.path(), f);
    }
    Map<String, PatchOutcome> outcomes = new HashMap<>();
    for (Map.Entry<String, PartialInput.StoredPatch> e : in.patches().entrySet()) {
      ExplodedMar.ExplodedFile neu = toFiles.get(e.getKey());
      PartialInput.StoredPatch p = e.getValue();
      if (p.isFullWins()) {
        if (neu.entrySize() > p.size()) {
          throw new UpdateException(
              "the cached full-wins verdict for '"
                  + e.getKey()
                  + "' was given for a full size of "
                  + p.size()
                  + " bytes, this request's is "
                  + neu.entrySize());
        }
        outcomes.put(e.getKey(), PatchOutcome.fullWins(neu.entrySize()));
      } else {
        outcomes.put(e.getKey(), PatchOutcome.measured(p.size(), neu.entrySize()));
      }
    }
    PartialPlan plan = PartialPlanner.plan(from, to, outcomes, options(in));
    EntryCompression compression =
        EntryCompression.of(UpdateFormat.parse(in.format()), in.platform());
    int patched = 0;
    int added = 0;
    try (MarWriter w =
        MarWriter.create(out, MarWriteOptions.of(in.marChannel(), in.marVersion()))) {
      for (Manifest m : plan.manifests()) {
        w.addEntry(
            m.name(), 0644, new ByteArrayInputStream(Codecs.compress(m.bytes(), compression)));
      }
      for (PlanEntry e : plan.entries()) {
        if (e.kind() == PlanEntry.Kind.PATCH) {
          patched++;
          addPatch(w, e, in.patches().get(e.targetPath()), compression);
        } else {
          added++;
          addFull(w, e, toFiles.get(e.targetPath()), compression);
        }
      }
      w.finish();
    }
    if (memoVerifier != null) {
      memoVerifier.verify(from, to, out);
    } else {
      try (MarContents contents = new MarContents(out, maxFileSize)) {
        PartialVerifier.verify(
            new BlobTreeSource(from, blobs), to, contents, UpdateTools.patcher());
      }
    }
    int removed = 0;
    for (String line : plan.manifestV3().split("\n")) {
      if (line.startsWith("remove ")) {
        removed++;
      }
    }
    return new Assembled(patched, added, removed);
  }

  private void addFull(
      MarWriter w, PlanEntry e, ExplodedMar.ExplodedFile f, EntryCompression compression)
      throws IOException {
    boolean stored =
        compression.xz() ? "xz".equals(f.entryFormat()) : "bzip2".equals(f.entryFormat());
    if (stored) {
      try (InputStream in = blobs.open(f.entrySha256())) {
        w.addEntry(e.marName(), e.mode(), in);
      }
      return;
    }
    addCompressed(w, e, () -> blobs.open(f.sha256()), compression);
  }

  private void addPatch(
      MarWriter w, PlanEntry e, PartialInput.StoredPatch p, EntryCompression compression)
      throws IOException {
    if (compression.xz()) {
      try (InputStream in = storage.open(p.location())) {
        w.addEntry(e.marName(), e.mode(), in);
      }
      return;
    }
    addCompressed(w, e, () -> Codecs.decode(storage.open(p.location()), maxFileSize), compression);
  }

  /** Opens an entry's source; called only where the stream is closed on every path. */
  private interface Source {
    InputStream open() throws IOException;
  }

  /**
   * Compresses through a local temporary file, so the entry's bytes never sit in memory. The source
   * is opened only once the temporary file exists, inside the block that closes it.
   */
  private static void addCompressed(
      MarWriter w, PlanEntry e, Source source, EntryCompression compression) throws IOException {
    Path tmp = Files.createTempFile("sbz-entry-", ".z");
    try {
      try (InputStream in = source.open();
          OutputStream o = Files.newOutputStream(tmp)) {
        Codecs.compress(in, o, compression);
      }
      try (InputStream in = Files.newInputStream(tmp)) {
        w.addEntry(e.marName(), e.mode(), in, Files.size(tmp));
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private String removedFiles(List<ExplodedMar.ExplodedFile> files) throws IOException {
    for (String p : TreeListing.REMOVED_FILES_PATHS) {
      for (ExplodedMar.ExplodedFile f : files) {
        if (f.path().equals(p)) {
          return new String(blobs.read(f.sha256()), StandardCharsets.UTF_8);
        }
      }
    }
    return null;
  }

  static TreeListing listing(List<ExplodedMar.ExplodedFile> files, String removedFiles) {
    List<FileInfo> infos = new ArrayList<>(files.size());
    for (ExplodedMar.ExplodedFile f : files) {
      infos.add(new FileInfo(f.path(), f.mode(), f.sha256(), f.size()));
    }
    return TreeListing.of(infos, removedFiles);
  }

  private static PlanOptions options(PartialInput in) throws UpdateException {
    return new PlanOptions(in.forcedFiles(), UpdateFormat.parse(in.format()));
  }
}
