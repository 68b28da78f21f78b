/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Small random pairs of installation trees (old, new) for the differential tests against Mozilla's
 * tools: one seed, one pair. Every case mixes the situations the manifest rules distinguish:
 * unchanged, patched, rewritten, added and removed files, empty files, executables and mode-only
 * changes, {@code removed-files} (files, {@code dir/} and {@code dir/*} lines, comments, blank and
 * CRLF lines), directories that appear or vanish (empty ones too), forced files ({@code *.chk},
 * {@code precomplete}, {@code removed-files}), {@code channel-prefs.js}, {@code
 * update-settings.ini} and {@code distribution/} (extensions take {@code add-if}/{@code patch-if}).
 *
 * <p>The trees stay small (a dozen or two files of at most a few KiB) so hundreds of cases run in a
 * few minutes. A path is never a file in one tree and a directory in the other: Mozilla's updater
 * cannot do that in one partial and sbz refuses it (docs/assembly.md), so file names and directory
 * names are drawn from disjoint pools. Both trees get a {@code precomplete}.
 */
final class RandomUpdateTrees {
  private static final String[] DIRS = {
    "", "", "", "browser", "browser/features", "defaults/pref", "gmp-clearkey/0.1", "fonts"
  };
  private static final String[] STEMS = {"lib", "data", "run", "omni", "notes", "app", "icon"};
  private static final String[] EXTS = {".so", ".txt", ".ja", ".sh", ".ini", ".bin", ""};

  /** One generated case: the two trees and what went into them (for failure messages). */
  record Case(long seed, Path oldTree, Path newTree, List<String> story) {}

  private final Random rnd;
  private final Map<String, byte[]> oldFiles = new LinkedHashMap<>();
  private final Map<String, byte[]> newFiles = new LinkedHashMap<>();
  private final Map<String, Boolean> oldExec = new LinkedHashMap<>();
  private final Map<String, Boolean> newExec = new LinkedHashMap<>();
  private final List<String> oldEmptyDirs = new ArrayList<>();
  private final List<String> newEmptyDirs = new ArrayList<>();
  private final List<String> story = new ArrayList<>();

  private RandomUpdateTrees(long seed) {
    this.rnd = new Random(seed);
  }

  /** Writes the case for {@code seed} under {@code dir} ({@code dir/old}, {@code dir/new}). */
  static Case generate(long seed, Path dir) throws IOException {
    RandomUpdateTrees g = new RandomUpdateTrees(seed);
    g.fill();
    Path old = dir.resolve("old");
    Path neu = dir.resolve("new");
    write(old, g.oldFiles, g.oldExec, g.oldEmptyDirs);
    write(neu, g.newFiles, g.newExec, g.newEmptyDirs);
    return new Case(seed, old, neu, List.copyOf(g.story));
  }

  private void fill() {
    int n = 2 + rnd.nextInt(7);
    for (int i = 0; i < n; i++) {
      String dir = DIRS[rnd.nextInt(DIRS.length)];
      String name =
          STEMS[rnd.nextInt(STEMS.length)] + i + EXTS[rnd.nextInt(EXTS.length)]; // unique by i
      ordinary(dir.isEmpty() ? name : dir + "/" + name);
    }
    if (rnd.nextInt(3) == 0) {
      special("libfoo.chk"); // forced: always shipped whole
    }
    if (rnd.nextInt(2) == 0) {
      special("defaults/pref/channel-prefs.js"); // add-if-not
    }
    if (rnd.nextInt(2) == 0) {
      special("update-settings.ini"); // add-if-not
    }
    if (rnd.nextInt(2) == 0) {
      special("distribution/distribution.ini");
    }
    if (rnd.nextInt(2) == 0) {
      String ext = "distribution/extensions/ext" + rnd.nextInt(3) + "@example.org";
      special(ext + "/manifest.json"); // add-if / patch-if on the extension directory
      if (rnd.nextBoolean()) {
        special(ext + "/lib" + rnd.nextInt(3) + ".js");
      }
    }
    if (rnd.nextInt(3) == 0) {
      // a directory that vanishes, with content
      put(oldFiles, oldExec, "olddir" + rnd.nextInt(2) + "/gone.txt", text(50), false);
      story.add("vanishing directory");
    }
    if (rnd.nextInt(3) == 0) {
      put(newFiles, newExec, "newdir/sub" + rnd.nextInt(2) + "/fresh.bin", binary(300), false);
      story.add("appearing directory");
    }
    if (rnd.nextInt(4) == 0) {
      oldEmptyDirs.add("emptyold");
      story.add("empty directory only in old");
    }
    if (rnd.nextInt(4) == 0) {
      newEmptyDirs.add("emptynew/inner");
      story.add("empty directory only in new");
    }
    if (rnd.nextInt(4) == 0) {
      oldEmptyDirs.add("emptyboth");
      newEmptyDirs.add("emptyboth");
    }
    removedFiles(oldFiles, oldExec, rnd.nextInt(3) == 0);
    removedFiles(newFiles, newExec, rnd.nextInt(3) != 0);
  }

  /** A file with one of the fates a partial distinguishes. */
  private void ordinary(String path) {
    boolean exec = path.endsWith(".so") || path.endsWith(".sh") || rnd.nextInt(5) == 0;
    int fate = rnd.nextInt(10);
    byte[] base =
        rnd.nextInt(8) == 0 ? new byte[0] : (rnd.nextBoolean() ? text(2000) : binary(4000));
    switch (fate) {
      case 0, 1 -> { // unchanged
        put(oldFiles, oldExec, path, base, exec);
        put(newFiles, newExec, path, base, exec);
        story.add("unchanged " + path);
      }
      case 2, 3, 4 -> { // patched: a few edits, so the patch usually wins
        put(oldFiles, oldExec, path, base, exec);
        put(newFiles, newExec, path, mutate(base), exec);
        story.add("patched " + path);
      }
      case 5 -> { // rewritten: unrelated content, the full file usually wins
        put(oldFiles, oldExec, path, base, exec);
        put(newFiles, newExec, path, rnd.nextBoolean() ? binary(1500) : new byte[0], exec);
        story.add("rewritten " + path);
      }
      case 6 -> {
        put(oldFiles, oldExec, path, base, exec);
        story.add("removed " + path);
      }
      case 7 -> {
        put(newFiles, newExec, path, base, exec);
        story.add("added " + path);
      }
      case 8 -> { // mode-only change
        put(oldFiles, oldExec, path, base, exec);
        put(newFiles, newExec, path, base, !exec);
        story.add("mode change " + path);
      }
      default -> { // empty in one of the trees
        boolean emptyOld = rnd.nextBoolean();
        put(oldFiles, oldExec, path, emptyOld ? new byte[0] : base, exec);
        put(newFiles, newExec, path, emptyOld ? base : new byte[0], exec);
        story.add("empty/non-empty " + path);
      }
    }
  }

  /** A file the rules single out: in old, new or both, same or different content. */
  private void special(String path) {
    byte[] a = text(200);
    switch (rnd.nextInt(4)) {
      case 0 -> put(oldFiles, oldExec, path, a, false);
      case 1 -> put(newFiles, newExec, path, a, false);
      case 2 -> {
        put(oldFiles, oldExec, path, a, false);
        put(newFiles, newExec, path, a, false);
      }
      default -> {
        put(oldFiles, oldExec, path, a, false);
        put(newFiles, newExec, path, mutate(a), false);
      }
    }
    story.add("special " + path);
  }

  /** A {@code removed-files} naming paths absent from the new tree, in the formats it allows. */
  private void removedFiles(Map<String, byte[]> files, Map<String, Boolean> exec, boolean present) {
    if (!present) {
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add("# comment line");
    lines.add("obsolete" + rnd.nextInt(3) + ".txt");
    if (rnd.nextBoolean()) {
      lines.add("");
      lines.add("  obsolete/spaced" + rnd.nextInt(2) + ".so  ");
    }
    if (rnd.nextBoolean()) {
      lines.add("olddir" + rnd.nextInt(2) + "/");
    }
    if (rnd.nextBoolean()) {
      lines.add("retired" + rnd.nextInt(2) + "/*");
    }
    String sep = rnd.nextInt(4) == 0 ? "\r\n" : "\n";
    String text = String.join(sep, lines) + sep;
    String path = "removed-files";
    put(files, exec, path, text.getBytes(StandardCharsets.UTF_8), false);
    story.add("removed-files " + (files == oldFiles ? "old" : "new") + ": " + lines);
  }

  private void put(
      Map<String, byte[]> files, Map<String, Boolean> exec, String path, byte[] d, boolean x) {
    files.put(path, d);
    exec.put(path, x);
  }

  private byte[] mutate(byte[] base) {
    if (base.length == 0) {
      return text(100);
    }
    byte[] out = base.clone();
    int edits = 1 + rnd.nextInt(4);
    for (int i = 0; i < edits; i++) {
      out[rnd.nextInt(out.length)] ^= (byte) (1 + rnd.nextInt(255));
    }
    if (rnd.nextBoolean()) {
      byte[] longer = new byte[out.length + 1 + rnd.nextInt(64)];
      System.arraycopy(out, 0, longer, 0, out.length);
      for (int i = out.length; i < longer.length; i++) {
        longer[i] = (byte) rnd.nextInt(256);
      }
      out = longer;
    }
    return out;
  }

  private byte[] text(int max) {
    String[] words = {"pref", "firefox", "update", "channel", "release", "true", "0", "\n"};
    StringBuilder b = new StringBuilder();
    int len = 1 + rnd.nextInt(max);
    while (b.length() < len) {
      b.append(words[rnd.nextInt(words.length)]).append(' ');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private byte[] binary(int max) {
    // Low-entropy bytes, like code: repeated runs, so patches and xz have something to find.
    byte[] d = new byte[1 + rnd.nextInt(max)];
    for (int i = 0; i < d.length; ) {
      byte v = (byte) rnd.nextInt(256);
      int run = 1 + rnd.nextInt(8);
      for (int k = 0; k < run && i < d.length; k++) {
        d[i++] = rnd.nextInt(6) == 0 ? (byte) rnd.nextInt(256) : v;
      }
    }
    return d;
  }

  private static void write(
      Path root, Map<String, byte[]> files, Map<String, Boolean> exec, List<String> emptyDirs)
      throws IOException {
    Files.createDirectories(root);
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path p = root.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
      Files.setPosixFilePermissions(
          p, PosixFilePermissions.fromString(exec.get(e.getKey()) ? "rwxr-xr-x" : "rw-r--r--"));
    }
    for (String d : emptyDirs) {
      Files.createDirectories(root.resolve(d));
    }
    TreeListing listing = DirectorySource.scan(root).listing();
    String path = PrecompleteGenerator.pathFor(listing);
    Files.writeString(root.resolve(path), PrecompleteGenerator.generate(listing, path));
  }
}
