/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.senbonzakura.compress.XzEffort;
import org.senbonzakura.mar.ProductInfo;

/**
 * Makes one partial MAR from two trees (directories or complete MARs), as {@code
 * make_incremental_update.sh} would: diffs the changed files and compresses what is needed on all
 * cores (biggest first), lets {@link PartialPlanner} decide, writes the MAR, and, unless told not
 * to, proves it by applying it to FROM and comparing with TO. The MAR appears at its destination
 * only once verified.
 *
 * <p>Full files that the TO complete MAR already holds with the right compression are copied from
 * it byte for byte: never recompressed, and never compressed just to learn their size.
 */
public final class PartialBuilder {
  /**
   * How hard fast mode's xz searches in a patch's blocks: {@link XzEffort#DEEP}. Exact mode keeps
   * Mozilla's own settings, being byte-identical to its MARs; fast mode is not, and spends some of
   * the time its differ saves on a smaller download (docs/assembly.md, "Fast mode's patches").
   */
  static final XzEffort FAST_PATCH_EFFORT = XzEffort.forPatches(true);

  /**
   * How to build.
   *
   * @param plan forced files and format
   * @param compression entry compression (xz with or without BCJ, or bzip2)
   * @param verify apply the partial to FROM and compare with TO before writing it
   * @param cache a patch cache, or null
   * @param multiBlock fast mode's compression: big xz entries as parallel blocks (patches: {@link
   *     BlockXz#PATCH_BLOCK_SIZE}, full files: {@link BlockXz#BLOCK_SIZE}), faster on many cores,
   *     and patches searched deeper ({@link #FAST_PATCH_EFFORT}), smaller
   * @param threads worker threads
   * @param progress where progress goes
   */
  public record Options(
      PlanOptions plan,
      EntryCompression compression,
      boolean verify,
      PatchCache cache,
      boolean multiBlock,
      int threads,
      Progress progress) {}

  /**
   * What was built.
   *
   * @param plan the manifest and entries
   * @param outcomes the patch outcome of every changed file
   * @param size the MAR's size in bytes
   * @param sha512 the MAR's SHA-512, hex
   * @param phaseMillis wall time per phase, in order
   */
  public record Result(
      PartialPlan plan,
      Map<String, PatchOutcome> outcomes,
      long size,
      String sha512,
      Map<String, Long> phaseMillis) {}

  private final EntryCodec codec;
  private final FileDiffer differ;
  private final MarIo marIo;
  private final PatchFunction patcher;
  private final DiffMemory memory = DiffMemory.ofHeap();

  public PartialBuilder(EntryCodec codec, FileDiffer differ, MarIo marIo, PatchFunction patcher) {
    this.codec = codec;
    this.differ = differ;
    this.marIo = marIo;
    this.patcher = patcher;
  }

  /** Builds the partial from {@code from} to {@code to} into {@code out}. */
  public Result build(TreeSource from, TreeSource to, ProductInfo pib, Path out, Options o)
      throws IOException {
    Map<String, Long> phases = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    TreeListing fl = from.listing();
    TreeListing tl = to.listing();
    PartialPlanner.validate(fl, tl);
    EntryCompression c = o.compression();

    Map<String, FileInfo> fromFiles = fl.byPath();
    Map<String, FileInfo> toFiles = tl.byPath();
    List<String> candidates = PartialPlanner.patchCandidates(fl, tl, o.plan());
    Set<String> candidateSet = new HashSet<>(candidates);
    Map<String, byte[]> fulls = new ConcurrentHashMap<>();
    Map<String, Long> fullSizes = new ConcurrentHashMap<>();
    Map<String, byte[]> patches = new ConcurrentHashMap<>();
    Map<String, PatchOutcome> outcomes = new ConcurrentHashMap<>();

    List<ParallelWork.Job> jobs = new ArrayList<>();
    List<Runnable> joins = new ArrayList<>();
    Map<String, byte[]> fresh = new ConcurrentHashMap<>();
    for (FileInfo f : tl.files()) {
      boolean candidate = candidateSet.contains(f.path());
      boolean alwaysFull = !candidate && !sameInBoth(f, fromFiles, o.plan());
      long stored = to.storedEntryLength(f.path(), c);
      if (stored >= 0) {
        fullSizes.put(f.path(), stored);
      } else if (candidate || alwaysFull) {
        byte[] hit =
            o.cache() == null || !f.hashed() ? null : o.cache().full(f.sha256(), c).orElse(null);
        if (hit != null) {
          fulls.put(f.path(), hit);
          fullSizes.put(f.path(), (long) hit.length);
        } else {
          jobs.addAll(
              BlockJobs.compress(
                  codec, c, o.multiBlock(), f, () -> to.read(f.path()), fresh, joins));
        }
      }
      if (candidate) {
        FileInfo old = fromFiles.get(f.path());
        jobs.add(
            BlockJobs.job(
                f.path(),
                Math.max(old.size(), f.size()) + 1,
                () -> diff(from, to, old, f, c, o, fullSizes, patches)));
      }
    }
    ParallelWork.run(jobs, o.threads(), "diff", o.progress());
    for (Runnable j : joins) {
      j.run();
    }
    for (Map.Entry<String, byte[]> e : fresh.entrySet()) {
      fulls.put(e.getKey(), e.getValue());
      fullSizes.put(e.getKey(), (long) e.getValue().length);
      if (o.cache() != null && toFiles.get(e.getKey()).hashed()) {
        o.cache().putFull(toFiles.get(e.getKey()).sha256(), c, e.getValue());
      }
    }
    for (String p : candidates) {
      long full = fullSizes.get(p);
      byte[] patch = patches.get(p);
      outcomes.put(
          p,
          patch == null ? PatchOutcome.fullWins(full) : PatchOutcome.measured(patch.length, full));
    }
    phases.put("diff+compress", ms(t0));

    long t1 = System.nanoTime();
    PartialPlan plan = PartialPlanner.plan(fl, tl, outcomes, o.plan());
    List<MarItem> items = new ArrayList<>();
    for (Manifest m : plan.manifests()) {
      items.add(new MarItem(m.name(), 0644, codec.compress(m.bytes(), c, true)));
    }
    for (PlanEntry e : plan.entries()) {
      byte[] data;
      if (e.kind() == PlanEntry.Kind.PATCH) {
        data = patches.get(e.targetPath());
      } else {
        data = fulls.get(e.targetPath());
        if (data == null) {
          Optional<byte[]> stored = to.storedEntry(e.targetPath(), c);
          data =
              stored.isPresent() ? stored.get() : compressNow(to, toFiles.get(e.targetPath()), c);
        }
      }
      items.add(new MarItem(e.marName(), e.mode(), data));
    }
    phases.put("plan+assemble", ms(t1));

    long t2 = System.nanoTime();
    Path abs = out.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    try {
      marIo.write(tmp, pib, items);
      phases.put("write", ms(t2));
      if (o.verify()) {
        long t3 = System.nanoTime();
        o.progress().update("verify", 0, 1);
        PartialVerifier.verify(from, tl, new MarUpdateContents(marIo.read(tmp), codec), patcher);
        o.progress().update("verify", 1, 1);
        phases.put("verify", ms(t3));
      }
      long size = Files.size(tmp);
      String sha512 = Hashes.sha512(tmp);
      move(tmp, abs);
      return new Result(plan, outcomes, size, sha512, phases);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static boolean sameInBoth(FileInfo f, Map<String, FileInfo> from, PlanOptions o) {
    FileInfo old = from.get(f.path());
    return old != null && old.sameContent(f) && !PartialPlanner.shippedEvenIfUnchanged(f.path(), o);
  }

  private byte[] compressPatch(byte[] raw, EntryCompression c, boolean multiBlock)
      throws IOException {
    if (multiBlock && c.xz()) {
      return BlockXz.compress(
          raw,
          BlockXz.PATCH_BLOCK_SIZE,
          chunk -> codec.compress(chunk, c, false, FAST_PATCH_EFFORT));
    }
    return codec.compress(raw, c, false);
  }

  private byte[] compressNow(TreeSource to, FileInfo f, EntryCompression c) throws IOException {
    return codec.compress(to.read(f.path()), c, true);
  }

  private void diff(
      TreeSource from,
      TreeSource to,
      FileInfo old,
      FileInfo neu,
      EntryCompression c,
      Options o,
      Map<String, Long> fullSizes,
      Map<String, byte[]> patches)
      throws IOException {
    PatchCache cache = o.cache();
    String key = differ.cacheKey() + (o.multiBlock() ? "-blocks" + FAST_PATCH_EFFORT.tag() : "");
    byte[] z = null;
    boolean cached = false;
    if (cache != null) {
      Optional<byte[]> hit = cache.patch(old.sha256(), neu.sha256(), key, c);
      if (hit.isPresent()) {
        cached = true;
        z = hit.get().length == 0 ? null : hit.get();
      }
    }
    if (!cached) {
      long big = Math.max(old.size(), neu.size());
      if (big >= FileDiffer.FILE_API_AT_LEAST) {
        DiffMemory.Lease lease = memory.lease(old.size() * 53 / 10 + (32L << 20));
        try {
          Long known = fullSizes.get(neu.path());
          z = diffFiles(from, to, old, neu, c, o.multiBlock(), known == null ? -1 : known);
        } finally {
          lease.close();
        }
      } else {
        DiffMemory.Lease lease = memory.lease(big * 7 + (16L << 20));
        try {
          Long known = fullSizes.get(neu.path());
          byte[] raw =
              differ.diff(from.read(old.path()), to.read(neu.path()), known == null ? -1 : known);
          z = raw == null ? null : compressPatch(raw, c, o.multiBlock());
        } finally {
          lease.close();
        }
      }
      if (cache != null) {
        cache.putPatch(old.sha256(), neu.sha256(), key, c, z);
      }
    }
    if (z != null) {
      patches.put(neu.path(), z);
    }
  }

  /**
   * A big file's diff through files: both sides written to a temporary directory, the differ's file
   * API (the new file mapped, the raw patch streamed to disk), and the patch compressed from the
   * file. Only the old file and the differ's index are on the heap, not the new file or the raw
   * patch (215 MB for the major libxul pair). Null when the differ's verdict (if it has one on)
   * finds that the patch cannot beat {@code fullSizeToBeat}.
   */
  private byte[] diffFiles(
      TreeSource from,
      TreeSource to,
      FileInfo old,
      FileInfo neu,
      EntryCompression c,
      boolean multiBlock,
      long fullSizeToBeat)
      throws IOException {
    Path dir = Files.createTempDirectory("sbz-diff");
    Path a = dir.resolve("old");
    Path b = dir.resolve("new");
    Path p = dir.resolve("patch");
    try {
      from.copyTo(old.path(), a);
      to.copyTo(neu.path(), b);
      boolean patched = differ.diff(a, b, p, fullSizeToBeat);
      Files.delete(a);
      Files.delete(b);
      if (!patched) {
        return null; // the differ's verdict: the full file wins
      }
      if (multiBlock && c.xz()) {
        return BlockXz.compress(
            p,
            BlockXz.PATCH_BLOCK_SIZE,
            chunk -> codec.compress(chunk, c, false, FAST_PATCH_EFFORT));
      }
      return codec.compress(p, c, false);
    } finally {
      Files.deleteIfExists(a);
      Files.deleteIfExists(b);
      Files.deleteIfExists(p);
      Files.deleteIfExists(dir);
    }
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws IOException;
  }

  static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  static void move(Path tmp, Path out) throws IOException {
    try {
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
