/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.senbonzakura.update.FileDecision.Reason;
import org.senbonzakura.update.Instruction.Method;

/**
 * The decisions of {@code make_incremental_update.sh} (spec §4.2-4.7) without any I/O: given the
 * two trees' listings and, for each changed file, the compressed sizes of its patch and full file,
 * it returns the manifest and the MAR entry order. The CLI and the Spark job both call it, so a
 * partial made either way is the same.
 *
 * <p>Use it in two steps: {@link #patchCandidates} says which files need a diff; run the differ on
 * those, then {@link #plan} with the outcomes.
 */
public final class PartialPlanner {
  private PartialPlanner() {}

  /**
   * The paths, in reverse byte order, whose patch-or-full decision needs a {@link PatchOutcome}:
   * files in both trees whose content differs and that are neither {@code add-if-not} nor forced.
   */
  public static List<String> patchCandidates(
      TreeListing from, TreeListing to, PlanOptions options) {
    Map<String, FileInfo> toFiles = to.byPath();
    List<String> out = new ArrayList<>();
    for (FileInfo old : sortedFiles(from)) {
      FileInfo neu = toFiles.get(old.path());
      if (neu != null && !shippedEvenIfUnchanged(old.path(), options) && !old.sameContent(neu)) {
        out.add(old.path());
      }
    }
    return out;
  }

  /**
   * True for a path the partial ships whole even when its content did not change: {@code
   * add-if-not} files and forced files. Only these of the unchanged files need their content known;
   * the rest the partial leaves alone.
   */
  public static boolean shippedEvenIfUnchanged(String path, PlanOptions options) {
    return ManifestRules.isAddIfNot(path) || ManifestRules.isForced(path, options.forcedFiles());
  }

  /**
   * Plans the partial from {@code from} to {@code to}.
   *
   * @param outcomes a {@link PatchOutcome} for every path {@link #patchCandidates} returned
   * @throws UpdateException if {@code to} has no {@code precomplete}, a path cannot go into a
   *     manifest, a path is a file in one tree and a directory in the other, or an outcome is
   *     missing
   */
  public static PartialPlan plan(
      TreeListing from, TreeListing to, Map<String, PatchOutcome> outcomes, PlanOptions options)
      throws UpdateException {
    validate(from, to);

    Map<String, FileInfo> toFiles = to.byPath();
    Set<String> fromPaths = new HashSet<>();
    ManifestBuilder manifest = new ManifestBuilder(options.format());
    manifest.line(ManifestRules.typeLine(true));
    List<PlanEntry> entries = new ArrayList<>();
    List<FileDecision> decisions = new ArrayList<>();
    List<String> removes = new ArrayList<>();

    for (FileInfo old : sortedFiles(from)) {
      String f = old.path();
      fromPaths.add(f);
      FileInfo neu = toFiles.get(f);
      if (neu == null) {
        removes.add(f);
        continue;
      }
      if (ManifestRules.isAddIfNot(f)) {
        manifest.addIfNot(f);
        entries.add(full(neu));
        decisions.add(new FileDecision(f, Method.ADD_IF_NOT, Reason.ADD_IF_NOT, -1, -1));
      } else if (ManifestRules.isForced(f, options.forcedFiles())) {
        String line = ManifestRules.addLine(f);
        manifest.line(line);
        entries.add(full(neu));
        decisions.add(new FileDecision(f, ManifestRules.addMethod(f), Reason.FORCED, -1, -1));
      } else if (!old.sameContent(neu)) {
        PatchOutcome o = outcomes.get(f);
        if (o == null) {
          throw new UpdateException("no patch outcome for changed file '" + f + "'");
        }
        if (o.patchWins()) {
          String line = ManifestRules.patchLine(f);
          manifest.line(line);
          entries.add(
              new PlanEntry(ManifestRules.patchEntryName(f), PlanEntry.Kind.PATCH, f, 0644));
          decisions.add(
              new FileDecision(
                  f,
                  ManifestRules.patchMethod(f),
                  Reason.PATCH_SMALLER,
                  o.patchSize(),
                  o.fullSize()));
        } else {
          String line = ManifestRules.addLine(f);
          manifest.line(line);
          entries.add(full(neu));
          decisions.add(
              new FileDecision(
                  f,
                  ManifestRules.addMethod(f),
                  o.fullWins() ? Reason.FULL_WINS_EARLY : Reason.FULL_SMALLER,
                  o.patchSize(),
                  o.fullSize()));
        }
      }
    }

    for (FileInfo neu : sortedFiles(to)) {
      String f = neu.path();
      if (fromPaths.contains(f)) {
        continue;
      }
      entries.add(full(neu));
      if (ManifestRules.isAddIfNot(f)) {
        manifest.addIfNot(f);
        decisions.add(new FileDecision(f, Method.ADD_IF_NOT, Reason.NEW, -1, -1));
      } else {
        String line = ManifestRules.addLine(f);
        manifest.line(line);
        decisions.add(new FileDecision(f, ManifestRules.addMethod(f), Reason.NEW, -1, -1));
      }
    }

    for (String f : removes) {
      manifest.line(ManifestRules.removeLine(f));
      decisions.add(new FileDecision(f, Method.REMOVE, Reason.VANISHED, -1, -1));
    }
    manifest.lines(removedFilesLines(to));

    Set<String> toDirs = new HashSet<>(to.directories());
    List<String> oldDirs = new ArrayList<>(from.directories());
    oldDirs.sort(PathOrder.REVERSE);
    for (String d : oldDirs) {
      if (!toDirs.contains(d)) {
        manifest.line(ManifestRules.rmdirLine(d));
      }
    }
    return new PartialPlan(manifest.build(), entries, decisions);
  }

  /**
   * The checks {@link #plan} makes before deciding anything; call it first to fail before any
   * diffing: TO has a precomplete, every path fits a manifest, no path switches between file and
   * directory.
   */
  public static void validate(TreeListing from, TreeListing to) throws UpdateException {
    requirePrecomplete(to, "TO");
    checkPaths(from);
    checkPaths(to);
    checkNoFileDirectorySwap(from, to);
  }

  static PlanEntry full(FileInfo f) {
    return new PlanEntry(f.path(), PlanEntry.Kind.FULL, f.path(), FileInfo.normalizeMode(f.mode()));
  }

  static List<FileInfo> sortedFiles(TreeListing t) {
    List<FileInfo> files = new ArrayList<>(t.files());
    files.sort((a, b) -> PathOrder.REVERSE.compare(a.path(), b.path()));
    return files;
  }

  static void requirePrecomplete(TreeListing t, String which) throws UpdateException {
    Set<String> paths = t.byPath().keySet();
    for (String p : TreeListing.PRECOMPLETE_PATHS) {
      if (paths.contains(p)) {
        return;
      }
    }
    throw new UpdateException(
        which
            + " tree has no precomplete (nor Contents/Resources/precomplete); Mozilla's scripts"
            + " refuse it because the updater needs it for later complete updates"
            + " (sbz complete --write-precomplete can generate one)");
  }

  /** The lines for the tree's {@code removed-files}, with every path checked. */
  static List<String> removedFilesLines(TreeListing t) throws UpdateException {
    List<String> lines = RemovedFiles.instructions(t.removedFiles());
    for (String l : lines) {
      int q = l.indexOf('"');
      String p = l.substring(q + 1, l.length() - 1);
      try {
        ManifestRules.checkPath(p);
      } catch (UpdateException e) {
        throw new UpdateException("removed-files: " + e.getMessage());
      }
    }
    return lines;
  }

  static void checkPaths(TreeListing t) throws UpdateException {
    for (FileInfo f : t.files()) {
      ManifestRules.checkPath(f.path());
    }
    for (String d : t.directories()) {
      ManifestRules.checkPath(d);
    }
  }

  /**
   * Refuses a path that is a file in one tree and a directory in the other. Mozilla's manifest
   * order (adds, then removes, then rmdirs in the updater's finish step) cannot apply either way:
   * file to directory needs the file gone before the directory is created, and directory to file
   * needs the directory gone, which the updater only does after every add has run.
   */
  static void checkNoFileDirectorySwap(TreeListing from, TreeListing to) throws UpdateException {
    Set<String> fromDirs = new HashSet<>(from.directories());
    Set<String> toDirs = new HashSet<>(to.directories());
    for (FileInfo f : from.files()) {
      if (toDirs.contains(f.path())) {
        throw new UpdateException(
            "'"
                + f.path()
                + "' is a file in FROM and a directory in TO; the updater cannot apply that"
                + " change in one partial (ship a complete update instead)");
      }
    }
    for (FileInfo f : to.files()) {
      if (fromDirs.contains(f.path())) {
        throw new UpdateException(
            "'"
                + f.path()
                + "' is a directory in FROM and a file in TO; the updater cannot apply that"
                + " change in one partial (ship a complete update instead)");
      }
    }
  }
}
