/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.util.ArrayList;
import java.util.List;

/**
 * The decisions of {@code make_full_update.sh} (spec §4.8): {@code type "complete"}, every file in
 * reverse byte order as {@code add-if-not} or {@code add}/{@code add-if}, then the {@code
 * removed-files} lines. Returns the same {@link PartialPlan} shape as a partial (all entries full).
 */
public final class CompletePlanner {
  private CompletePlanner() {}

  /**
   * Plans a complete MAR of {@code tree}.
   *
   * @throws UpdateException if the tree has no {@code precomplete} or a path cannot go into a
   *     manifest
   */
  public static PartialPlan plan(TreeListing tree, UpdateFormat format) throws UpdateException {
    PartialPlanner.requirePrecomplete(tree, "the");
    PartialPlanner.checkPaths(tree);
    ManifestBuilder manifest = new ManifestBuilder(format);
    manifest.line(ManifestRules.typeLine(false));
    List<PlanEntry> entries = new ArrayList<>();
    List<FileDecision> decisions = new ArrayList<>();
    for (FileInfo f : PartialPlanner.sortedFiles(tree)) {
      Instruction.Method method;
      if (ManifestRules.isAddIfNot(f.path())) {
        manifest.addIfNot(f.path());
        method = Instruction.Method.ADD_IF_NOT;
      } else {
        manifest.line(ManifestRules.addLine(f.path()));
        method = ManifestRules.addMethod(f.path());
      }
      entries.add(PartialPlanner.full(f));
      decisions.add(new FileDecision(f.path(), method, FileDecision.Reason.COMPLETE, -1, -1));
    }
    manifest.lines(PartialPlanner.removedFilesLines(tree));
    return new PartialPlan(manifest.build(), entries, decisions);
  }
}
