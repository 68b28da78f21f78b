/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One scenario per manifest rule of make_incremental_update.sh (spec §4.2-4.7). */
class PartialPlannerTest {
  private static final PlanOptions OPTS = PlanOptions.defaults();

  /** Every candidate gets the same outcome. */
  private static Map<String, PatchOutcome> all(
      TreeListing from, TreeListing to, PlanOptions o, PatchOutcome outcome) {
    Map<String, PatchOutcome> m = new HashMap<>();
    for (String p : PartialPlanner.patchCandidates(from, to, o)) {
      m.put(p, outcome);
    }
    return m;
  }

  private static String manifest(Trees from, Trees to, PatchOutcome outcome) throws Exception {
    TreeListing f = from.listing();
    TreeListing t = to.listing();
    return PartialPlanner.plan(f, t, all(f, t, OPTS, outcome), OPTS).manifestV3();
  }

  @Test
  void basicOrderingChangedNewVanishedAndDirectories() throws Exception {
    Trees from = Trees.tree().file("a", "1").file("b", "1").file("gone/x", "1").file("same", "s");
    Trees to = Trees.tree().file("a", "2").file("b", "2").file("c/new", "n").file("same", "s");
    TreeListing f = from.listing();
    TreeListing t = to.listing();
    Map<String, PatchOutcome> o = new HashMap<>();
    o.put("a", PatchOutcome.measured(10, 11));
    o.put("b", PatchOutcome.measured(11, 11)); // tie goes to the full file
    PartialPlan plan = PartialPlanner.plan(f, t, o, OPTS);
    assertEquals(
        "type \"partial\"\n"
            + "add \"precomplete\"\n"
            + "add \"b\"\n"
            + "patch \"a.patch\" \"a\"\n"
            + "add \"c/new\"\n"
            + "remove \"gone/x\"\n"
            + "rmdir \"gone/\"\n",
        plan.manifestV3());
    assertEquals(
        List.of(
            new PlanEntry("precomplete", PlanEntry.Kind.FULL, "precomplete", 0644),
            new PlanEntry("b", PlanEntry.Kind.FULL, "b", 0644),
            new PlanEntry("a.patch", PlanEntry.Kind.PATCH, "a", 0644),
            new PlanEntry("c/new", PlanEntry.Kind.FULL, "c/new", 0644)),
        plan.entries());
    assertEquals(List.of("b", "a"), PartialPlanner.patchCandidates(f, t, OPTS));
  }

  @Test
  void decisionsAreTypedAndMatchTheManifestLines() throws Exception {
    String ext = "distribution/extensions/x@y/";
    Trees from =
        Trees.tree()
            .file("a", "1")
            .file("b", "1")
            .file("e", "1")
            .file(ext + "p", "1")
            .file(ext + "f", "1")
            .file("channel-prefs.js", "c")
            .file("gone", "g");
    Trees to =
        Trees.tree()
            .file("a", "2")
            .file("b", "2")
            .file("e", "2")
            .file(ext + "p", "2")
            .file(ext + "f", "2")
            .file(ext + "n", "n")
            .file("channel-prefs.js", "c")
            .file("new", "n");
    Map<String, PatchOutcome> o = new HashMap<>();
    o.put("a", PatchOutcome.measured(10, 11));
    o.put("b", PatchOutcome.measured(11, 11));
    o.put("e", PatchOutcome.fullWins(11));
    o.put(ext + "p", PatchOutcome.measured(1, 11));
    o.put(ext + "f", PatchOutcome.measured(12, 11));
    PartialPlan plan = PartialPlanner.plan(from.listing(), to.listing(), o, OPTS);
    Map<String, FileDecision> byPath = new HashMap<>();
    for (FileDecision d : plan.decisions()) {
      byPath.put(d.path(), d);
    }
    record Want(Instruction.Method action, FileDecision.Reason reason) {}
    Map<String, Want> want =
        Map.of(
            "a",
            new Want(Instruction.Method.PATCH, FileDecision.Reason.PATCH_SMALLER),
            "b",
            new Want(Instruction.Method.ADD, FileDecision.Reason.FULL_SMALLER),
            "e",
            new Want(Instruction.Method.ADD, FileDecision.Reason.FULL_WINS_EARLY),
            ext + "p",
            new Want(Instruction.Method.PATCH_IF, FileDecision.Reason.PATCH_SMALLER),
            ext + "f",
            new Want(Instruction.Method.ADD_IF, FileDecision.Reason.FULL_SMALLER),
            ext + "n",
            new Want(Instruction.Method.ADD_IF, FileDecision.Reason.NEW),
            "channel-prefs.js",
            new Want(Instruction.Method.ADD_IF_NOT, FileDecision.Reason.ADD_IF_NOT),
            "new",
            new Want(Instruction.Method.ADD, FileDecision.Reason.NEW),
            "gone",
            new Want(Instruction.Method.REMOVE, FileDecision.Reason.VANISHED),
            "precomplete",
            new Want(Instruction.Method.ADD, FileDecision.Reason.FORCED));
    for (Map.Entry<String, Want> w : want.entrySet()) {
      FileDecision d = byPath.get(w.getKey());
      assertEquals(w.getValue(), new Want(d.action(), d.reason()), w.getKey());
    }
    // every decision's action is the method of the manifest line that names its path
    List<Instruction> lines = ManifestParser.parse(plan.manifestV3()).actions();
    for (FileDecision d : plan.decisions()) {
      assertTrue(
          lines.stream().anyMatch(i -> i.target().equals(d.path()) && i.method() == d.action()),
          d + " not in\n" + plan.manifestV3());
    }
  }

  @Test
  void earlyFullWinsVerdictShipsTheFullFile() throws Exception {
    String m =
        manifest(
            Trees.tree().file("lib", "old"),
            Trees.tree().file("lib", "new"),
            PatchOutcome.fullWins(5));
    assertTrue(m.contains("add \"lib\"\n"), m);
  }

  @Test
  void missingOutcomeIsAnError() {
    TreeListing f = Trees.tree().file("lib", "old").listing();
    TreeListing t = Trees.tree().file("lib", "new").listing();
    UpdateException e =
        assertThrows(UpdateException.class, () -> PartialPlanner.plan(f, t, Map.of(), OPTS));
    assertTrue(e.getMessage().contains("lib"), e.getMessage());
  }

  @Test
  void fileToDirectoryAndBackAreRefused() {
    TreeListing file = Trees.tree().file("x", "1").listing();
    TreeListing dir = Trees.tree().file("x/y", "1").listing();
    TreeListing emptyDir = Trees.tree().emptyDir("x").listing();
    UpdateException a =
        assertThrows(UpdateException.class, () -> PartialPlanner.plan(file, dir, Map.of(), OPTS));
    assertTrue(a.getMessage().contains("'x' is a file in FROM and a directory in TO"));
    UpdateException b =
        assertThrows(UpdateException.class, () -> PartialPlanner.plan(dir, file, Map.of(), OPTS));
    assertTrue(b.getMessage().contains("'x' is a directory in FROM and a file in TO"));
    assertThrows(UpdateException.class, () -> PartialPlanner.plan(emptyDir, file, Map.of(), OPTS));
  }

  @Test
  void removedFilesWithDirAndDirStar() throws Exception {
    Trees from = Trees.tree().file("old/a", "1").file("cache/b/c", "1");
    Trees to =
        Trees.tree().removedFiles("old/a\nold/\ncache/*\n# comment\n\n").file("old/keep", "k");
    String m = manifest(from, to, PatchOutcome.measured(1, 2));
    assertEquals(
        "type \"partial\"\n"
            + "add \"removed-files\"\n"
            + "add \"old/keep\"\n"
            + "remove \"old/a\"\n"
            + "remove \"cache/b/c\"\n"
            + "remove \"old/a\"\n"
            + "rmdir \"old/\"\n"
            + "rmrfdir \"cache/\"\n"
            + "rmdir \"cache/b/\"\n"
            + "rmdir \"cache/\"\n",
        m.replace("add \"precomplete\"\n", ""));
  }

  @Test
  void extensionDirectoriesUseAddIfAndPatchIf() throws Exception {
    Trees from = Trees.tree().file("distribution/extensions/e@x/a.js", "1");
    Trees to =
        Trees.tree()
            .file("distribution/extensions/e@x/a.js", "2")
            .file("distribution/extensions/e@x/sub/b.js", "n")
            .file("distribution/extensions/top.xpi", "n");
    String m = manifest(from, to, PatchOutcome.measured(1, 2));
    assertEquals(
        "type \"partial\"\n"
            + "add \"precomplete\"\n"
            + "patch-if \"distribution/extensions/e@x\" \"distribution/extensions/e@x/a.js.patch\""
            + " \"distribution/extensions/e@x/a.js\"\n"
            + "add \"distribution/extensions/top.xpi\"\n"
            + "add-if \"distribution/extensions/e@x\" \"distribution/extensions/e@x/sub/b.js\"\n",
        m);
  }

  @Test
  void macLayoutForcesAndAddIfNots() throws Exception {
    Trees from =
        new Trees()
            .file("Contents/Resources/precomplete", "p")
            .file("Contents/MacOS/firefox", "same", 0755)
            .file("Contents/CodeResources", "same")
            .file("Contents/Frameworks/ChannelPrefs.framework/ChannelPrefs", "same")
            .file("Contents/Resources/defaults/pref/channel-prefs.js", "same")
            .file("Contents/MacOS/other", "same");
    Trees to =
        new Trees()
            .file("Contents/Resources/precomplete", "p")
            .file("Contents/MacOS/firefox", "same", 0755)
            .file("Contents/CodeResources", "same")
            .file("Contents/Frameworks/ChannelPrefs.framework/ChannelPrefs", "same")
            .file("Contents/Resources/defaults/pref/channel-prefs.js", "same")
            .file("Contents/MacOS/other", "same")
            .file("Contents/Resources/removed-files", "Contents/MacOS/gone\n");
    TreeListing t =
        new TreeListing(to.listing().files(), to.listing().directories(), "Contents/MacOS/gone\n");
    PartialPlan plan = PartialPlanner.plan(from.listing(), t, Map.of(), OPTS);
    assertEquals(
        "type \"partial\"\n"
            + "add \"Contents/Resources/precomplete\"\n"
            + "add-if-not \"Contents/Resources/defaults/pref/channel-prefs.js\""
            + " \"Contents/Resources/defaults/pref/channel-prefs.js\"\n"
            + "add \"Contents/MacOS/firefox\"\n"
            + "add-if-not \"Contents/Frameworks/ChannelPrefs.framework/ChannelPrefs\""
            + " \"Contents/Frameworks/ChannelPrefs.framework/ChannelPrefs\"\n"
            + "add \"Contents/CodeResources\"\n"
            + "add \"Contents/Resources/removed-files\"\n"
            + "remove \"Contents/MacOS/gone\"\n",
        plan.manifestV3());
    assertEquals(0755, plan.entries().get(2).mode());
  }

  @Test
  void forcedFilesAndChkShipWholeEvenUnchanged() throws Exception {
    Trees from = Trees.tree().file("lib.chk", "c").file("keep.js", "k").file("chk", "x");
    Trees to = Trees.tree().file("lib.chk", "c").file("keep.js", "k").file("chk", "x");
    PlanOptions o = new PlanOptions(List.of("keep.js"), UpdateFormat.CURRENT);
    String m = PartialPlanner.plan(from.listing(), to.listing(), Map.of(), o).manifestV3();
    assertEquals(
        "type \"partial\"\n"
            + "add \"precomplete\"\n"
            + "add \"lib.chk\"\n"
            + "add \"keep.js\"\n"
            + "add \"chk\"\n",
        m);
  }

  @Test
  void emptyFilesAreOrdinaryFiles() throws Exception {
    Trees from = Trees.tree().file("empty", "").file("was-empty", "");
    Trees to = Trees.tree().file("empty", "").file("was-empty", "now").file("new-empty", "");
    String m = manifest(from, to, PatchOutcome.measured(40, 36));
    assertEquals(
        "type \"partial\"\n"
            + "add \"was-empty\"\n"
            + "add \"precomplete\"\n"
            + "add \"new-empty\"\n",
        m);
  }

  @Test
  void executableModesGoToFullEntriesNotPatches() throws Exception {
    TreeListing f = Trees.tree().file("bin/tool", "1", 0755).listing();
    TreeListing t = Trees.tree().file("bin/tool", "2", 0755).file("bin/new", "n", 0700).listing();
    PartialPlan p = PartialPlanner.plan(f, t, all(f, t, OPTS, PatchOutcome.measured(1, 2)), OPTS);
    assertEquals(
        List.of(
            new PlanEntry("precomplete", PlanEntry.Kind.FULL, "precomplete", 0644),
            new PlanEntry("bin/tool.patch", PlanEntry.Kind.PATCH, "bin/tool", 0644),
            new PlanEntry("bin/new", PlanEntry.Kind.FULL, "bin/new", 0755)),
        p.entries());
  }

  @Test
  void utf8NamesSortByBytesNotUtf16Units() throws Exception {
    // U+1F600 (4 UTF-8 bytes F0..) sorts after U+FF21 (EF BC A1) in byte order, before it in
    // UTF-16 order; U+00E9 (C3 A9) after 'z'.
    Trees from = Trees.tree();
    Trees to =
        Trees.tree()
            .file("z", "1")
            .file("\u00e9t\u00e9", "1")
            .file("\uff21", "1")
            .file("\ud83d\ude00", "1");
    String m = manifest(from, to, PatchOutcome.measured(1, 2));
    assertEquals(
        "type \"partial\"\n"
            + "add \"precomplete\"\n"
            + "add \"\ud83d\ude00\"\n"
            + "add \"\uff21\"\n"
            + "add \"\u00e9t\u00e9\"\n"
            + "add \"z\"\n",
        m);
  }

  @Test
  void firefoxExeLinesGoLast() throws Exception {
    Trees from = Trees.tree().file("firefox.exe", "1").file("a.dll", "1");
    Trees to = Trees.tree().file("firefox.exe", "2").file("a.dll", "2");
    String m = manifest(from, to, PatchOutcome.measured(1, 2));
    assertEquals(
        "type \"partial\"\n"
            + "add \"precomplete\"\n"
            + "patch \"a.dll.patch\" \"a.dll\"\n"
            + "patch \"firefox.exe.patch\" \"firefox.exe\"\n",
        m);
  }

  @Test
  void badPathsAndMissingPrecompleteAreRefused() {
    TreeListing ok = Trees.tree().listing();
    for (String bad : List.of("a..b", "say\"hi\"")) {
      TreeListing t = Trees.tree().file(bad, "x").listing();
      UpdateException e =
          assertThrows(UpdateException.class, () -> PartialPlanner.plan(ok, t, Map.of(), OPTS));
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
    TreeListing noPre = new Trees().file("a", "1").listing();
    UpdateException e =
        assertThrows(UpdateException.class, () -> PartialPlanner.plan(ok, noPre, Map.of(), OPTS));
    assertTrue(e.getMessage().contains("precomplete"), e.getMessage());
    TreeListing badRemoved = Trees.tree().removedFiles("../etc/passwd\n").listing();
    assertThrows(UpdateException.class, () -> PartialPlanner.plan(ok, badRemoved, Map.of(), OPTS));
  }

  @Test
  void legacyFormatWritesV2WithoutAddIfNotExceptUpdateSettings() throws Exception {
    Trees from = Trees.tree();
    Trees to =
        Trees.tree().file("defaults/pref/channel-prefs.js", "c").file("update-settings.ini", "u");
    PlanOptions o = new PlanOptions(List.of(), UpdateFormat.LEGACY);
    PartialPlan p = PartialPlanner.plan(from.listing(), to.listing(), Map.of(), o);
    assertEquals(
        List.of(Manifest.V2, Manifest.V3), p.manifests().stream().map(Manifest::name).toList());
    assertEquals(
        "type \"partial\"\n" + "add \"precomplete\"\n" + "add \"update-settings.ini\"\n",
        p.manifests().get(0).text());
    assertEquals(
        "type \"partial\"\n"
            + "add \"precomplete\"\n"
            + "add-if-not \"update-settings.ini\" \"update-settings.ini\"\n"
            + "add-if-not \"defaults/pref/channel-prefs.js\" \"defaults/pref/channel-prefs.js\"\n",
        p.manifestV3());
  }
}
