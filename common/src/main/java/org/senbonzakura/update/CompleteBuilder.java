/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.senbonzakura.mar.ProductInfo;

/**
 * Makes a complete MAR from an installation directory, as {@code make_full_update.sh} does (spec
 * §4.8), compressing the files on all cores, biggest first. It can generate the tree's {@code
 * precomplete} (createprecomplete.py's rules) and put it in the MAR without touching the directory.
 */
public final class CompleteBuilder {
  /**
   * What was built.
   *
   * @param plan manifest and entries
   * @param size MAR size in bytes
   * @param sha512 MAR SHA-512, hex
   * @param phaseMillis wall time per phase
   */
  public record Result(PartialPlan plan, long size, String sha512, Map<String, Long> phaseMillis) {}

  private final EntryCodec codec;
  private final MarIo marIo;

  public CompleteBuilder(EntryCodec codec, MarIo marIo) {
    this.codec = codec;
    this.marIo = marIo;
  }

  /**
   * Builds the complete MAR.
   *
   * @param generatePrecomplete write a fresh precomplete into the MAR (replacing the tree's own)
   * @param multiBlock compress xz entries over {@link BlockXz#BLOCK_SIZE} as parallel blocks
   */
  public Result build(
      TreeSource tree,
      ProductInfo pib,
      Path out,
      UpdateFormat format,
      EntryCompression c,
      boolean generatePrecomplete,
      boolean multiBlock,
      int threads,
      Progress progress)
      throws IOException {
    return build(
        tree, pib, out, format, c, generatePrecomplete, multiBlock, threads, progress, Map.of());
  }

  /**
   * Builds the complete MAR, taking the compressed bytes of some files as given instead of
   * compressing them (see {@link ReusableEntries}).
   *
   * @param precompressed raw entry bytes by path; each must decode to that path's file
   */
  public Result build(
      TreeSource tree,
      ProductInfo pib,
      Path out,
      UpdateFormat format,
      EntryCompression c,
      boolean generatePrecomplete,
      boolean multiBlock,
      int threads,
      Progress progress,
      Map<String, byte[]> precompressed)
      throws IOException {
    Map<String, Long> phases = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    TreeSource source = generatePrecomplete ? withPrecomplete(tree) : tree;
    PartialPlan plan = CompletePlanner.plan(source.listing(), format);
    Map<String, byte[]> compressed = new ConcurrentHashMap<>();
    List<ParallelWork.Job> jobs = new ArrayList<>();
    List<Runnable> joins = new ArrayList<>();
    for (FileInfo f : source.listing().files()) {
      byte[] given = precompressed.get(f.path());
      if (given != null) {
        compressed.put(f.path(), given);
        continue;
      }
      jobs.addAll(
          BlockJobs.compress(
              codec, c, multiBlock, f, () -> source.read(f.path()), compressed, joins));
    }
    ParallelWork.run(jobs, threads, "compress", progress);
    for (Runnable j : joins) {
      j.run();
    }
    phases.put("compress", PartialBuilder.ms(t0));

    long t1 = System.nanoTime();
    List<MarItem> items = new ArrayList<>();
    for (Manifest m : plan.manifests()) {
      items.add(new MarItem(m.name(), 0644, codec.compress(m.bytes(), c, true)));
    }
    for (PlanEntry e : plan.entries()) {
      items.add(new MarItem(e.marName(), e.mode(), compressed.get(e.targetPath())));
    }
    Path abs = out.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
    try {
      marIo.write(tmp, pib, items);
      long size = Files.size(tmp);
      String sha512 = Hashes.sha512(tmp);
      PartialBuilder.move(tmp, abs);
      phases.put("write", PartialBuilder.ms(t1));
      return new Result(plan, size, sha512, phases);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** {@code tree} with its precomplete replaced by a freshly generated one. */
  static TreeSource withPrecomplete(TreeSource tree) {
    TreeListing base = tree.listing();
    String path = PrecompleteGenerator.pathFor(base);
    byte[] text = PrecompleteGenerator.generate(base, path).getBytes(StandardCharsets.UTF_8);
    List<FileInfo> files = new ArrayList<>();
    for (FileInfo f : base.files()) {
      if (!f.path().equals(path)) {
        files.add(f);
      }
    }
    files.add(new FileInfo(path, 0644, Hashes.sha256(text), text.length));
    TreeListing listing = TreeListing.of(files, base.directories(), base.removedFiles());
    return new TreeSource() {
      @Override
      public TreeListing listing() {
        return listing;
      }

      @Override
      public byte[] read(String p) throws IOException {
        return p.equals(path) ? text.clone() : tree.read(p);
      }
    };
  }
}
