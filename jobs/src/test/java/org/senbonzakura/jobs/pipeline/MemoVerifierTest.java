/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.senbonzakura.jobs.mar.BlobTreeSource;
import org.senbonzakura.jobs.mar.ContentMemo;
import org.senbonzakura.jobs.mar.ExplodedMar;
import org.senbonzakura.jobs.mar.MarContents;
import org.senbonzakura.jobs.mar.MarExploder;
import org.senbonzakura.jobs.mar.MemoVerifier;
import org.senbonzakura.jobs.storage.BlobStore;
import org.senbonzakura.jobs.storage.Storage;
import org.senbonzakura.update.FileInfo;
import org.senbonzakura.update.Instruction;
import org.senbonzakura.update.ManifestParser;
import org.senbonzakura.update.PartialVerifier;
import org.senbonzakura.update.TreeListing;
import org.senbonzakura.update.UpdateException;
import org.senbonzakura.update.UpdateTools;

/**
 * The memoized verifier on Mozilla's own golden partial: it accepts what the plain verifier
 * accepts, a second verification uses the memo (it passes with the FROM blobs gone), and a memo
 * never hides a wrong result: a TO listing that differs, or a FROM file whose patch was never
 * applied, still fails.
 */
class MemoVerifierTest {
  private static final long LIMIT = 1L << 30;
  private static Path work;
  private static Storage storage;
  private static BlobStore blobs;
  private static ContentMemo memo;
  private static ExplodedMar from;
  private static ExplodedMar to;
  private static Path partial;

  @BeforeAll
  static void setUp() throws Exception {
    work = Files.createTempDirectory("sbz-memo-");
    storage = new Storage(new Configuration());
    String root = work.toUri().toString();
    blobs = new BlobStore(storage, root + "blobs", root + "tmp");
    memo = new ContentMemo(storage, root + "memo", 0);
    Path g = GoldenPair.golden();
    from = MarExploder.explode(g.resolve("a.complete.mar"), blobs, LIMIT, storage, memo);
    to = MarExploder.explode(g.resolve("b.complete.mar"), blobs, LIMIT, storage, memo);
    partial = g.resolve("a-b.partial.mar");
  }

  private static TreeListing listing(ExplodedMar m) {
    List<FileInfo> infos = new ArrayList<>();
    for (ExplodedMar.ExplodedFile f : m.files()) {
      infos.add(new FileInfo(f.path(), f.mode(), f.sha256(), f.size()));
    }
    return TreeListing.of(infos, null);
  }

  private static long files(String dir) throws Exception {
    Path p = work.resolve("memo").resolve(dir);
    if (!Files.isDirectory(p)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .count();
    }
  }

  @Test
  void acceptsTheGoldenPartialThenAnswersFromTheMemo() throws Exception {
    try (MarContents c = new MarContents(partial, LIMIT)) {
      PartialVerifier.verify(
          new BlobTreeSource(listing(from), blobs), listing(to), c, UpdateTools.patcher());
    }
    new MemoVerifier(blobs, memo, LIMIT).verify(listing(from), listing(to), partial);
    long applied = files(MemoVerifier.APPLIED);
    assertTrue(applied > 0, "patch applications were recorded");
    assertTrue(files(MarExploder.DECODED) > 0, "decoded entries were recorded");

    // a fresh verifier over a blob store without the FROM files: only the memo can answer
    Path empty = Files.createTempDirectory("sbz-memo-empty-");
    BlobStore none = new BlobStore(storage, empty.toUri() + "blobs", empty.toUri() + "tmp");
    ContentMemo persisted = new ContentMemo(storage, work.toUri() + "memo", 0);
    new MemoVerifier(none, persisted, LIMIT).verify(listing(from), listing(to), partial);
    assertEquals(applied, files(MemoVerifier.APPLIED), "nothing applied again");
  }

  @Test
  void aWrongToListingFailsEvenFromTheMemo() throws Exception {
    MemoVerifier v = new MemoVerifier(blobs, memo, LIMIT);
    v.verify(listing(from), listing(to), partial); // fills the memo
    List<FileInfo> wrong = new ArrayList<>(listing(to).files());
    FileInfo lib =
        wrong.stream().filter(f -> f.path().equals("libmozgtk.so")).findFirst().orElseThrow();
    wrong.set(wrong.indexOf(lib), new FileInfo(lib.path(), lib.mode(), "0".repeat(64), lib.size()));
    UpdateException e =
        assertThrows(
            UpdateException.class,
            () -> v.verify(listing(from), TreeListing.of(wrong, null), partial));
    assertTrue(e.getMessage().contains("differs: libmozgtk.so"), e.getMessage());
  }

  @Test
  void aFromFileTheMemoHasNotSeenIsReallyPatched() throws Exception {
    new MemoVerifier(blobs, memo, LIMIT).verify(listing(from), listing(to), partial);
    java.util.Set<String> patched = new java.util.HashSet<>();
    String manifest = Files.readString(GoldenPair.golden().resolve("a-b.updatev3.manifest"));
    for (Instruction i : ManifestParser.parse(manifest).actions()) {
      if (i.method() == Instruction.Method.PATCH || i.method() == Instruction.Method.PATCH_IF) {
        patched.add(i.target());
      }
    }
    assertTrue(!patched.isEmpty());
    List<FileInfo> other = new ArrayList<>();
    for (FileInfo f : listing(from).files()) {
      if (!patched.contains(f.path())) {
        other.add(f);
        continue;
      }
      // the patched FROM files replaced by other bytes: no memo entry matches, so the patches
      // are really applied to these bytes, and the patcher's size/CRC check refuses them
      byte[] bytes =
          ("not the FROM file " + f.path()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      BlobStore.Stored s = blobs.put(bytes);
      other.add(new FileInfo(f.path(), f.mode(), s.sha256(), s.size()));
    }
    UpdateException e =
        assertThrows(
            UpdateException.class,
            () ->
                new MemoVerifier(blobs, memo, LIMIT)
                    .verify(TreeListing.of(other, null), listing(to), partial));
    assertTrue(e.getMessage().contains("does not apply"), e.getMessage());
  }
}
