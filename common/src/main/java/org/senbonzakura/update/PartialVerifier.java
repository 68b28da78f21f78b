/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proves a partial works: applies it (in memory) to the FROM tree with the updater's rules and
 * compares the result with the TO tree, file by file. Files the manifest adds with {@code
 * add-if-not} are exempt (an existing copy is kept on purpose), and so are {@code add-if}/{@code
 * patch-if} targets whose test directory FROM lacks (a distribution extension the user does not
 * have is not installed by an update, as in Mozilla's updater); any other missing, different or
 * left-over file is an error. Modes are not compared: the updater gives a patched file its old
 * mode, so a mode change on a patched file is Mozilla's behaviour, not ours.
 */
public final class PartialVerifier {
  private PartialVerifier() {}

  /**
   * Verifies {@code update} against the trees.
   *
   * @throws UpdateException naming the first differences if the result is not the TO tree
   */
  public static void verify(
      TreeSource from, TreeListing to, UpdateContents update, PatchFunction patcher)
      throws IOException, UpdateException {
    verify(from, to, update, patcher, null);
  }

  /**
   * Verifies {@code update} against the trees, taking earlier answers from {@code memo} (null:
   * none) instead of decoding entries and applying patches again: the manifest is still applied as
   * a whole and the result compared with TO, so the verdict is the one the work would give.
   *
   * @throws UpdateException naming the first differences if the result is not the TO tree
   */
  public static void verify(
      TreeSource from,
      TreeListing to,
      UpdateContents update,
      PatchFunction patcher,
      VerifierMemo memo)
      throws IOException, UpdateException {
    try (OverlayInstallTree tree = new OverlayInstallTree(from, memo)) {
      verify(tree, from, to, update, patcher);
    }
  }

  private static void verify(
      OverlayInstallTree tree,
      TreeSource from,
      TreeListing to,
      UpdateContents update,
      PatchFunction patcher)
      throws IOException, UpdateException {
    try {
      new Applier(patcher).apply(tree, update);
    } catch (UpdateException e) {
      throw new UpdateException("the partial does not apply to FROM: " + e.getMessage(), e);
    }
    Set<String> exempt = new HashSet<>();
    for (Instruction i : ManifestParser.parse(update.manifest()).actions()) {
      if (i.method() == Instruction.Method.ADD_IF_NOT) {
        exempt.add(i.target());
      } else if ((i.method() == Instruction.Method.ADD_IF
              || i.method() == Instruction.Method.PATCH_IF)
          && !exists(from.listing(), i.test())) {
        exempt.add(i.target()); // the updater skips it: that extension is not installed
      }
    }
    List<String> problems = new ArrayList<>();
    Map<String, FileInfo> expected = to.byPath();
    Set<String> seen = new HashSet<>();
    for (FileInfo got : tree.files()) {
      seen.add(got.path());
      if (exempt.contains(got.path())) {
        continue;
      }
      FileInfo want = expected.get(got.path());
      if (want == null) {
        problems.add("left over: " + got.path());
      } else if (!want.sameContent(got)) {
        problems.add("differs: " + got.path());
      }
    }
    for (String p : expected.keySet()) {
      if (!seen.contains(p) && !exempt.contains(p)) {
        problems.add("missing: " + p);
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(PathOrder.BYTES);
      int n = problems.size();
      throw new UpdateException(
          "verification failed, applying the partial to FROM does not give TO ("
              + n
              + " problem"
              + (n == 1 ? "" : "s")
              + "): "
              + String.join("; ", problems.subList(0, Math.min(n, 10)))
              + (n > 10 ? "; ..." : ""));
    }
  }

  /** True if {@code path} is a file or directory of {@code tree}. */
  private static boolean exists(TreeListing tree, String path) {
    String dir = path.endsWith("/") ? path : path + "/";
    String bare = dir.substring(0, dir.length() - 1);
    if (tree.byPath().containsKey(bare) || tree.directories().contains(bare)) {
      return true;
    }
    for (FileInfo f : tree.files()) {
      if (f.path().startsWith(dir)) {
        return true;
      }
    }
    return false;
  }
}
