/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.mar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.senbonzakura.jobs.storage.BlobStore;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.mar.MarEntry;
import org.senbonzakura.mar.MarReader;
import org.senbonzakura.mbdiff.MbPatch;
import org.senbonzakura.update.Applier;
import org.senbonzakura.update.FileInfo;
import org.senbonzakura.update.InstallTree;
import org.senbonzakura.update.Instruction;
import org.senbonzakura.update.Manifest;
import org.senbonzakura.update.ManifestParser;
import org.senbonzakura.update.PathOrder;
import org.senbonzakura.update.TreeListing;
import org.senbonzakura.update.UpdateContents;
import org.senbonzakura.update.UpdateException;

/**
 * Verifies a partial like {@code PartialVerifier} (the whole manifest applied to the FROM tree with
 * the updater's rules by the shared {@link Applier}, the result compared file by file with the TO
 * listing), but on content digests instead of bytes, with a memo of earlier work:
 *
 * <ul>
 *   <li>a patch entry applied to an old file is looked up by (old file SHA-256, SHA-256 of the
 *       patch entry's stored bytes); only a pair never applied before is applied (old bytes from
 *       the blob store, {@link MbPatch#apply} with its size and CRC checks) and its result hashed
 *       and recorded;
 *   <li>an added entry's content is looked up by the SHA-256 of its stored bytes (the explode
 *       memo); only an entry never decoded before is decoded and hashed.
 * </ul>
 *
 * The same partial bytes for the same FROM tree therefore give the same verdict as a full
 * application; what is saved is re-applying the same big patch to the same old file for every
 * locale and every run.
 */
public final class MemoVerifier {
  /** The memo kind of "patch entry P applied to old file O gives content N". */
  public static final String APPLIED = "applied";

  private final BlobStore blobs;
  private final ContentMemo memo;
  private final long limit;

  public MemoVerifier(BlobStore blobs, ContentMemo memo, long limit) {
    this.blobs = blobs;
    this.memo = memo;
    this.limit = limit;
  }

  /** What a token array stands for: a file's content, or a (not yet decoded) MAR entry. */
  private record Content(String sha256, long size) {}

  private record Entry(MarEntry entry, String rawSha256, long rawSize) {}

  /**
   * Verifies the partial at {@code partial}.
   *
   * @throws UpdateException naming the first differences if applying it does not give TO
   */
  public void verify(TreeListing from, TreeListing to, Path partial)
      throws IOException, UpdateException {
    try (MarReader reader = MarReader.open(partial)) {
      Map<byte[], Object> tokens = new IdentityHashMap<>();
      Tree tree = new Tree(from, tokens);
      Contents contents = new Contents(reader, tokens);
      try {
        new Applier((source, patch) -> apply(source, patch, tokens, reader))
            .apply(new Resolving(tree, tokens, reader), contents);
      } catch (UpdateException e) {
        throw new UpdateException("the partial does not apply to FROM: " + e.getMessage(), e);
      }
      compare(tree, to, contents.manifest());
    }
  }

  private byte[] apply(byte[] source, byte[] patch, Map<byte[], Object> tokens, MarReader reader)
      throws Exception {
    Object s = tokens.get(source);
    Object p = tokens.get(patch);
    if (!(s instanceof Content old) || !(p instanceof Entry e)) {
      throw new UpdateException("internal: patch without a known source or entry");
    }
    String key = old.sha256() + "-" + e.rawSha256();
    ContentMemo.Result r = memo.get(APPLIED, key, old.size());
    if (r == null) {
      byte[] oldBytes = blobs.read(old.sha256());
      if (oldBytes.length != old.size()) {
        throw new IOException("blob " + old.sha256() + " has the wrong size");
      }
      byte[] patchBytes;
      try (InputStream in = reader.openDecoded(e.entry(), limit)) {
        patchBytes = in.readAllBytes();
      }
      byte[] result = MbPatch.apply(oldBytes, patchBytes);
      r = new ContentMemo.Result(Digests.sha256Hex(result), result.length);
      memo.put(APPLIED, key, old.size(), r);
    }
    return token(tokens, new Content(r.sha256(), r.size()));
  }

  private static byte[] token(Map<byte[], Object> tokens, Object what) {
    byte[] t = new byte[0];
    tokens.put(t, what);
    return t;
  }

  /** A MAR entry's content digest, through the explode memo or by decoding it. */
  private Content decoded(Entry e, MarReader reader) throws IOException {
    ContentMemo.Result r = memo.get(MarExploder.DECODED, e.rawSha256(), e.rawSize());
    if (r == null) {
      MessageDigest md = Digests.sha256();
      long size = 0;
      try (InputStream in = reader.openDecoded(e.entry(), limit)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
          size += n;
        }
      }
      r = new ContentMemo.Result(Digests.hex(md.digest()), size);
      memo.put(MarExploder.DECODED, e.rawSha256(), e.rawSize(), r);
    }
    return new Content(r.sha256(), r.size());
  }

  private static void compare(Tree tree, TreeListing to, String manifest) throws UpdateException {
    Set<String> exempt = new HashSet<>();
    for (Instruction i : ManifestParser.parse(manifest).actions()) {
      if (i.method() == Instruction.Method.ADD_IF_NOT) {
        exempt.add(i.target());
      }
    }
    List<String> problems = new ArrayList<>();
    Map<String, FileInfo> expected = to.byPath();
    for (FileInfo got : tree.files.values()) {
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
      if (!tree.files.containsKey(p) && !exempt.contains(p)) {
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

  /** The partial's entries as tokens: hashed stored bytes, decoded only when needed. */
  private static final class Contents implements UpdateContents {
    private final MarReader reader;
    private final Map<byte[], Object> tokens;
    private final Map<String, byte[]> made = new HashMap<>();

    Contents(MarReader reader, Map<byte[], Object> tokens) {
      this.reader = reader;
      this.tokens = tokens;
    }

    @Override
    public String manifest() throws IOException, UpdateException {
      MarEntry e =
          reader
              .entry(Manifest.V3)
              .orElseThrow(() -> new UpdateException("no entry '" + Manifest.V3 + "'"));
      try (InputStream in = reader.openDecoded(e, 64L << 20)) {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
    }

    @Override
    public boolean hasEntry(String name) {
      return reader.entry(name).isPresent();
    }

    @Override
    public byte[] entry(String name) throws IOException, UpdateException {
      byte[] t = made.get(name);
      if (t != null) {
        return t;
      }
      MarEntry e =
          reader.entry(name).orElseThrow(() -> new UpdateException("no entry '" + name + "'"));
      MessageDigest md = Digests.sha256();
      long size = 0;
      try (InputStream in = reader.openRaw(e)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
          size += n;
        }
      }
      t = token(tokens, new Entry(e, Digests.hex(md.digest()), size));
      made.put(name, t);
      return t;
    }

    @Override
    public int mode(String name) {
      return reader.entry(name).map(MarEntry::mode).orElse(0644);
    }
  }

  /** Turns entry tokens written as whole files into content digests before the tree sees them. */
  private final class Resolving implements InstallTree {
    private final Tree tree;
    private final Map<byte[], Object> tokens;
    private final MarReader reader;

    Resolving(Tree tree, Map<byte[], Object> tokens, MarReader reader) {
      this.tree = tree;
      this.tokens = tokens;
      this.reader = reader;
    }

    @Override
    public Kind kind(String path) {
      return tree.kind(path);
    }

    @Override
    public byte[] read(String path) throws IOException {
      return tree.read(path);
    }

    @Override
    public int mode(String path) {
      return tree.mode(path);
    }

    @Override
    public void write(String path, byte[] content, int mode) throws IOException, UpdateException {
      Object what = tokens.get(content);
      Content c;
      if (what instanceof Content known) {
        c = known;
      } else if (what instanceof Entry e) {
        c = decoded(e, reader);
      } else {
        c = new Content(Digests.sha256Hex(content), content.length);
      }
      tree.write(path, c, mode);
    }

    @Override
    public void delete(String path) {
      tree.delete(path);
    }

    @Override
    public boolean removeDirectoryIfEmpty(String path) {
      return tree.removeDirectoryIfEmpty(path);
    }

    @Override
    public List<String> listUnder(String dir) {
      return tree.listUnder(dir);
    }
  }

  /** An installation as a listing of digests: files and directories, no bytes. */
  private static final class Tree {
    private final Map<String, FileInfo> files = new HashMap<>();
    private final Set<String> dirs = new HashSet<>();
    private final Map<byte[], Object> tokens;

    Tree(TreeListing base, Map<byte[], Object> tokens) {
      this.tokens = tokens;
      for (FileInfo f : base.files()) {
        files.put(f.path(), f);
      }
      dirs.addAll(base.directories());
    }

    InstallTree.Kind kind(String path) {
      if (files.containsKey(path)) {
        return InstallTree.Kind.FILE;
      }
      return dirs.contains(path) ? InstallTree.Kind.DIRECTORY : InstallTree.Kind.NONE;
    }

    byte[] read(String path) throws IOException {
      FileInfo f = files.get(path);
      if (f == null) {
        throw new IOException("no file '" + path + "'");
      }
      return token(tokens, new Content(f.sha256(), f.size()));
    }

    int mode(String path) {
      FileInfo f = files.get(path);
      return f == null ? 0644 : f.mode();
    }

    void write(String path, Content c, int mode) throws UpdateException {
      if (dirs.contains(path)) {
        throw new UpdateException("cannot write file '" + path + "': it is a directory");
      }
      for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
        String parent = path.substring(0, i);
        if (files.containsKey(parent)) {
          throw new UpdateException("cannot write '" + path + "': '" + parent + "' is a file");
        }
        dirs.add(parent);
      }
      files.put(path, new FileInfo(path, mode, c.sha256(), c.size()));
    }

    void delete(String path) {
      files.remove(path);
    }

    boolean removeDirectoryIfEmpty(String path) {
      String prefix = path + "/";
      for (String f : files.keySet()) {
        if (f.startsWith(prefix)) {
          return false;
        }
      }
      for (String d : dirs) {
        if (d.startsWith(prefix)) {
          return false;
        }
      }
      dirs.remove(path);
      return true;
    }

    List<String> listUnder(String dir) {
      String prefix = dir + "/";
      List<String> out = new ArrayList<>();
      for (String f : files.keySet()) {
        if (f.startsWith(prefix)) {
          out.add(f);
        }
      }
      for (String d : dirs) {
        if (d.startsWith(prefix)) {
          out.add(d + "/");
        }
      }
      out.sort(PathOrder.REVERSE);
      return out;
    }
  }
}
