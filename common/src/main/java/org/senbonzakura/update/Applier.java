/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Applies an update MAR with the rules of Mozilla's updater (spec §5): {@code type "complete"}
 * first runs the installed {@code precomplete}; {@code rmrfdir} is expanded against the tree as it
 * was before any action ran; {@code add-if}/{@code patch-if} need their test path, {@code
 * add-if-not} needs it absent; a patch needs its target and checks the source's size and CRC;
 * {@code rmdir}s run last and only remove empty directories. Any error stops the update; {@link
 * #applyTo} works on a staged copy so the installation is changed completely or not at all.
 */
public final class Applier {
  private final PatchFunction patcher;

  public Applier(PatchFunction patcher) {
    this.patcher = patcher;
  }

  /**
   * Applies {@code update} to the directory {@code install}, all or nothing: the work happens in a
   * sibling copy that replaces the directory only on success.
   */
  public void applyTo(Path install, UpdateContents update) throws IOException, UpdateException {
    Path abs = install.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)) {
      throw new UpdateException(install + " is not a directory");
    }
    Path staged = abs.resolveSibling(abs.getFileName() + ".sbz-staged");
    Path old = abs.resolveSibling(abs.getFileName() + ".sbz-old");
    deleteTree(staged);
    deleteTree(old);
    try {
      copyTree(abs, staged);
      apply(new DirectoryInstallTree(staged), update);
    } catch (IOException | RuntimeException e) {
      deleteTree(staged);
      throw e;
    }
    Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
    Files.move(staged, abs, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  /** Applies {@code update} to {@code tree} in place; on error the tree is left half-updated. */
  public void apply(InstallTree tree, UpdateContents update) throws IOException, UpdateException {
    ManifestParser.Parsed parsed = ManifestParser.parse(update.manifest());
    List<Instruction> actions = new ArrayList<>();
    if ("complete".equals(parsed.type())) {
      actions.addAll(expand(tree, precomplete(tree)));
    }
    actions.addAll(expand(tree, parsed.actions()));
    for (Instruction i : actions) {
      if (i.entry() != null && !update.hasEntry(i.entry())) {
        throw new UpdateException("MAR has no entry '" + i.entry() + "' (READ_ERROR)");
      }
    }
    List<String> rmdirs = new ArrayList<>();
    for (Instruction i : actions) {
      execute(tree, update, i, rmdirs);
    }
    for (String d : rmdirs) {
      if (tree.kind(d) == InstallTree.Kind.DIRECTORY) {
        tree.removeDirectoryIfEmpty(d);
      }
    }
  }

  private void execute(InstallTree tree, UpdateContents update, Instruction i, List<String> rmdirs)
      throws IOException, UpdateException {
    String t = i.target();
    switch (i.method()) {
      case ADD_IF:
        if (tree.kind(i.test()) == InstallTree.Kind.NONE) {
          return;
        }
        add(tree, update, i);
        return;
      case ADD_IF_NOT:
        if (tree.kind(i.test()) != InstallTree.Kind.NONE) {
          return;
        }
        add(tree, update, i);
        return;
      case ADD:
        add(tree, update, i);
        return;
      case PATCH_IF:
        if (tree.kind(i.test()) == InstallTree.Kind.NONE) {
          return;
        }
        patch(tree, update, i);
        return;
      case PATCH:
        patch(tree, update, i);
        return;
      case REMOVE:
        switch (tree.kind(t)) {
          case NONE:
            return;
          case DIRECTORY:
            throw new UpdateException(
                "remove '" + t + "': it is a directory (DELETE_ERROR_EXPECTED_FILE)");
          default:
            tree.delete(t);
            return;
        }
      case RMDIR:
        if (tree.kind(t) == InstallTree.Kind.FILE) {
          throw new UpdateException("rmdir '" + t + "/': it is a file (DELETE_ERROR_EXPECTED_DIR)");
        }
        rmdirs.add(t);
        return;
      default:
        throw new IllegalStateException("rmrfdir must be expanded before execution");
    }
  }

  private static void add(InstallTree tree, UpdateContents update, Instruction i)
      throws IOException, UpdateException {
    tree.add(i.target(), update, i.entry(), FileInfo.normalizeMode(update.mode(i.entry())));
  }

  private void patch(InstallTree tree, UpdateContents update, Instruction i)
      throws IOException, UpdateException {
    String t = i.target();
    if (tree.kind(t) != InstallTree.Kind.FILE) {
      throw new UpdateException("patch '" + t + "': no such file to patch (READ_ERROR)");
    }
    try {
      tree.patch(t, update, i.entry(), patcher);
    } catch (PatchException e) {
      throw new UpdateException("patch '" + t + "' failed: " + e.getMessage(), e);
    }
  }

  /** Expands {@code rmrfdir} into removes and rmdirs against the tree as it is now. */
  private static List<Instruction> expand(InstallTree tree, List<Instruction> actions)
      throws IOException {
    List<Instruction> out = new ArrayList<>();
    for (Instruction i : actions) {
      if (i.method() != Instruction.Method.RMRFDIR) {
        out.add(i);
        continue;
      }
      if (tree.kind(i.target()) != InstallTree.Kind.DIRECTORY) {
        continue;
      }
      for (String p : tree.listUnder(i.target())) {
        out.add(
            p.endsWith("/")
                ? new Instruction(
                    Instruction.Method.RMDIR, null, null, p.substring(0, p.length() - 1))
                : new Instruction(Instruction.Method.REMOVE, null, null, p));
      }
      out.add(new Instruction(Instruction.Method.RMDIR, null, null, i.target()));
    }
    return out;
  }

  /** The installed precomplete's actions; an installation without one has none. */
  private static List<Instruction> precomplete(InstallTree tree)
      throws IOException, UpdateException {
    for (String p : TreeListing.PRECOMPLETE_PATHS) {
      if (tree.kind(p) == InstallTree.Kind.FILE) {
        return ManifestParser.parsePrecomplete(new String(tree.read(p), StandardCharsets.UTF_8));
      }
    }
    return List.of();
  }

  static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir)));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file)),
                StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
