/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplierTest {
  private static final PatchFunction NO_PATCHES =
      (s, p) -> {
        throw new UnsupportedOperationException("no patches in this test");
      };

  @TempDir Path tmp;

  private Path install(Map<String, String> files) throws Exception {
    Path root = tmp.resolve("install");
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path p = root.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue());
    }
    Files.createDirectories(root);
    return root;
  }

  private static Map<String, String> contents(Path root) throws Exception {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        String rel = DirectorySource.relative(root, p);
        if (Files.isRegularFile(p)) {
          m.put(rel, Files.readString(p));
        } else if (!p.equals(root)) {
          m.put(rel + "/", "");
        }
      }
    }
    return m;
  }

  @Test
  void conditionalAddsRemovesAndRmrfdir() throws Exception {
    Path root =
        install(
            Map.of(
                "keep.ini", "mine",
                "old/a", "1",
                "cache/b/c", "1",
                "distribution/extensions/present/x.js", "1"));
    String manifest =
        "type \"partial\"\n"
            + "add-if-not \"keep.ini\" \"keep.ini\"\n"
            + "add-if-not \"fresh.ini\" \"fresh.ini\"\n"
            + "add-if \"distribution/extensions/present\" \"distribution/extensions/present/x.js\"\n"
            + "add-if \"distribution/extensions/absent\" \"distribution/extensions/absent/y.js\"\n"
            + "add \"new/dir/file\"\n"
            + "remove \"old/a\"\n"
            + "remove \"not-there\"\n"
            + "rmrfdir \"cache/\"\n"
            + "rmdir \"old/\"\n"
            + "rmdir \"new/\"\n";
    MemoryUpdate u =
        new MemoryUpdate(manifest)
            .entry("keep.ini", "theirs")
            .entry("fresh.ini", "fresh")
            .entry("distribution/extensions/present/x.js", "2")
            .entry("distribution/extensions/absent/y.js", "2")
            .entry("new/dir/file", "f".getBytes(StandardCharsets.UTF_8), 0755);
    new Applier(NO_PATCHES).applyTo(root, u);
    assertEquals(
        Map.of(
            "keep.ini", "mine",
            "fresh.ini", "fresh",
            "distribution/", "",
            "distribution/extensions/", "",
            "distribution/extensions/present/", "",
            "distribution/extensions/present/x.js", "2",
            "new/", "",
            "new/dir/", "",
            "new/dir/file", "f"),
        contents(root));
    assertTrue(Files.isExecutable(root.resolve("new/dir/file")));
    assertFalse(Files.exists(tmp.resolve("install.sbz-staged")));
  }

  @Test
  void completeRunsTheInstalledPrecompleteFirst() throws Exception {
    Path root =
        install(
            Map.of(
                "precomplete", "remove \"a\"\nremove \"precomplete\"\nrmdir \"d/\"\n",
                "a", "1",
                "d/x", "1",
                "user.txt", "u"));
    MemoryUpdate u =
        new MemoryUpdate("type \"complete\"\nadd \"b\"\nadd \"precomplete\"\n")
            .entry("b", "2")
            .entry("precomplete", "remove \"b\"\n");
    new Applier(NO_PATCHES).applyTo(root, u);
    // d/ is not empty (d/x is not in precomplete) so rmdir leaves it, as the updater does
    assertEquals(
        Map.of("b", "2", "precomplete", "remove \"b\"\n", "d/", "", "d/x", "1", "user.txt", "u"),
        contents(root));
  }

  @Test
  void failureLeavesTheInstallationUntouched() throws Exception {
    Path root = install(Map.of("a", "1", "b", "1"));
    MemoryUpdate u =
        new MemoryUpdate("type \"partial\"\nadd \"a\"\nremove \"b\"\npatch \"c.patch\" \"c\"\n")
            .entry("a", "2")
            .entry("c.patch", "x");
    UpdateException e =
        assertThrows(UpdateException.class, () -> new Applier(NO_PATCHES).applyTo(root, u));
    assertTrue(e.getMessage().contains("READ_ERROR"), e.getMessage());
    assertEquals(Map.of("a", "1", "b", "1"), contents(root));
    assertFalse(Files.exists(tmp.resolve("install.sbz-staged")));
  }

  @Test
  void neverWritesOrDeletesThroughASymbolicLink() throws Exception {
    Path root = install(Map.of("a", "1"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("victim"), "keep me");
    Files.createSymbolicLink(root.resolve("lnk"), elsewhere);
    for (String manifest :
        new String[] {
          "type \"partial\"\nadd \"lnk/evil.txt\"\n",
          "type \"partial\"\nadd \"lnk/victim\"\n",
          "type \"partial\"\nremove \"lnk/victim\"\n",
        }) {
      MemoryUpdate u =
          new MemoryUpdate(manifest).entry("lnk/evil.txt", "evil").entry("lnk/victim", "evil");
      UpdateException e =
          assertThrows(UpdateException.class, () -> new Applier(NO_PATCHES).applyTo(root, u));
      assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
      assertEquals(Map.of("victim", "keep me"), contents(elsewhere), manifest);
      assertTrue(Files.isSymbolicLink(root.resolve("lnk")));
      assertEquals("1", Files.readString(root.resolve("a")));
    }
  }

  @Test
  void missingEntryAndTypeMismatchesFail() throws Exception {
    Path root = install(Map.of("d/x", "1"));
    assertThrows(
        UpdateException.class,
        () -> new Applier(NO_PATCHES).applyTo(root, new MemoryUpdate("add \"nope\"\n")));
    UpdateException e =
        assertThrows(
            UpdateException.class,
            () -> new Applier(NO_PATCHES).applyTo(root, new MemoryUpdate("remove \"d\"\n")));
    assertTrue(e.getMessage().contains("DELETE_ERROR_EXPECTED_FILE"));
    e =
        assertThrows(
            UpdateException.class,
            () -> new Applier(NO_PATCHES).applyTo(root, new MemoryUpdate("rmdir \"d/x/\"\n")));
    assertTrue(e.getMessage().contains("DELETE_ERROR_EXPECTED_DIR"));
  }

  @Test
  void overlayAndDirectoryTreesAgree() throws Exception {
    Path root = install(Map.of("a", "1", "old/b", "1", "keep", "k"));
    String manifest = "add \"a\"\nadd \"n/new\"\nremove \"old/b\"\nrmdir \"old/\"\n";
    MemoryUpdate u = new MemoryUpdate(manifest).entry("a", "2").entry("n/new", "n");
    OverlayInstallTree overlay = new OverlayInstallTree(DirectorySource.scan(root));
    new Applier(NO_PATCHES).apply(overlay, u);
    new Applier(NO_PATCHES).applyTo(root, u);
    Map<String, String> fromOverlay = new TreeMap<>();
    for (FileInfo f : overlay.files()) {
      fromOverlay.put(f.path(), f.sha256());
    }
    Map<String, String> fromDisk = new TreeMap<>();
    for (FileInfo f : DirectorySource.scan(root).listing().files()) {
      fromDisk.put(f.path(), f.sha256());
    }
    assertEquals(fromDisk, fromOverlay);
    assertEquals(InstallTree.Kind.NONE, overlay.kind("old"));
  }
}
