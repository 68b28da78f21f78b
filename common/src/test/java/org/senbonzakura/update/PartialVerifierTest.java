/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The verifier with and without a {@link VerifierMemo}: a memo answer replaces the work (the patch
 * is not applied, the old file not read), unanswered work is done and recorded, and a wrong answer
 * is still caught by the comparison with TO.
 */
class PartialVerifierTest {
  private static final String MANIFEST =
      "type \"partial\"\npatch \"lib.patch\" \"lib\"\nadd \"new\"\n";

  /** A toy patch format: the result is the old bytes followed by the patch bytes. */
  private static final PatchFunction APPEND =
      (source, patch) -> {
        byte[] out = new byte[source.length + patch.length];
        System.arraycopy(source, 0, out, 0, source.length);
        System.arraycopy(patch, 0, out, source.length, patch.length);
        return out;
      };

  private static final PatchFunction REFUSE =
      (source, patch) -> {
        throw new AssertionError("the memo should have answered this patch");
      };

  private static final TreeSource FROM = source(Map.of("lib", "old", "keep", "k"));
  private static final TreeListing TO =
      Trees.tree()
          .without("precomplete")
          .file("lib", "old+p")
          .file("new", "n")
          .file("keep", "k")
          .listing();

  private static MemoryUpdate update() {
    return new MemoryUpdate(MANIFEST).entry("lib.patch", "+p").entry("new", "n");
  }

  private static ContentDigest digest(String text) {
    return ContentDigest.of(text.getBytes(StandardCharsets.UTF_8));
  }

  private static TreeSource source(Map<String, String> files) {
    List<FileInfo> infos = new ArrayList<>();
    for (Map.Entry<String, String> e : files.entrySet()) {
      ContentDigest d = digest(e.getValue());
      infos.add(new FileInfo(e.getKey(), 0644, d.sha256(), d.size()));
    }
    TreeListing listing = TreeListing.of(infos, null);
    return new TreeSource() {
      @Override
      public TreeListing listing() {
        return listing;
      }

      @Override
      public byte[] read(String path) {
        return files.get(path).getBytes(StandardCharsets.UTF_8);
      }
    };
  }

  /** A memo in a map, that reads content back from the FROM tree's files only. */
  private static final class MapMemo implements VerifierMemo {
    final Map<ContentDigest, ContentDigest> decoded = new HashMap<>();
    final Map<List<ContentDigest>, ContentDigest> patched = new HashMap<>();
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public ContentDigest knownDecoded(ContentDigest stored) {
      return decoded.get(stored);
    }

    @Override
    public void recordDecoded(ContentDigest stored, ContentDigest content) {
      decoded.put(stored, content);
    }

    @Override
    public ContentDigest knownPatched(ContentDigest old, ContentDigest patch) {
      return patched.get(List.of(old, patch));
    }

    @Override
    public void recordPatched(ContentDigest old, ContentDigest patch, ContentDigest result) {
      patched.put(List.of(old, patch), result);
    }

    @Override
    public byte[] read(ContentDigest content) throws IOException {
      reads.incrementAndGet();
      for (FileInfo f : FROM.listing().files()) {
        if (f.sha256().equals(content.sha256())) {
          return FROM.read(f.path());
        }
      }
      throw new IOException("no content " + content);
    }
  }

  @Test
  void withoutAMemoAWrongResultIsCaught() {
    assertDoesNotThrow(() -> PartialVerifier.verify(FROM, TO, update(), APPEND));
    UpdateException e =
        assertThrows(
            UpdateException.class, () -> PartialVerifier.verify(FROM, TO, update(), (s, p) -> s));
    assertTrue(e.getMessage().contains("differs: lib"), e.getMessage());
  }

  @Test
  void workTheMemoCannotAnswerIsDoneAndRecorded() throws Exception {
    MapMemo memo = new MapMemo();
    PartialVerifier.verify(FROM, TO, update(), APPEND, memo);
    assertEquals(1, memo.reads.get(), "the old file was read by digest to be patched");
    assertEquals(Map.of(List.of(digest("old"), digest("+p")), digest("old+p")), memo.patched);
    assertEquals(Map.of(digest("n"), digest("n")), memo.decoded);
  }

  @Test
  void aMemoAnswerReplacesThePatch() throws Exception {
    MapMemo memo = new MapMemo();
    PartialVerifier.verify(FROM, TO, update(), APPEND, memo);
    PartialVerifier.verify(FROM, TO, update(), REFUSE, memo);
    assertEquals(1, memo.reads.get(), "the old file was not read again");
  }

  @Test
  void aWrongMemoAnswerIsCaught() {
    MapMemo memo = new MapMemo();
    memo.recordPatched(digest("old"), digest("+p"), digest("something else"));
    UpdateException e =
        assertThrows(
            UpdateException.class, () -> PartialVerifier.verify(FROM, TO, update(), REFUSE, memo));
    assertTrue(e.getMessage().contains("differs: lib"), e.getMessage());

    MapMemo wrongAdd = new MapMemo();
    wrongAdd.recordDecoded(digest("n"), digest("not n"));
    e =
        assertThrows(
            UpdateException.class,
            () -> PartialVerifier.verify(FROM, TO, update(), APPEND, wrongAdd));
    assertTrue(e.getMessage().contains("differs: new"), e.getMessage());
  }
}
