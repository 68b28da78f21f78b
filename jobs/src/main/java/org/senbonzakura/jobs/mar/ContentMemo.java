/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.mar;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.senbonzakura.jobs.storage.Storage;

/**
 * A memo of deterministic results keyed by content digests: "these input bytes give the content
 * with this SHA-256 and size". Two uses: decoding a stored compressed MAR entry (key: the entry's
 * SHA-256) and applying a patch to an old file (key: old SHA-256 + the patch entry's SHA-256). A
 * result is kept as a tiny file under the memo directory, written temp-then-rename, so every
 * executor and every later run skips the work; this JVM keeps a bounded copy in front of it only to
 * spare storage round trips. Every key names all the bytes that determine the result, so a memo hit
 * is the same answer the work would give (as long as SHA-256 has no collisions), and two runs that
 * record the same key at once write the same bytes: concurrent runs need no lock.
 *
 * <p>A {@link #DECODED} answer is always durable, whatever the entry's size: exploding a release
 * reads thousands of complete MARs that share their stored entries, and each small entry decoded
 * again costs a decoder, a blob write and a rename per MAR. An {@code applied} answer is durable
 * only for old files of at least {@code persistFrom} bytes: applying a small patch is cheaper than
 * the file that would remember it.
 */
public final class ContentMemo implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int JVM_ENTRIES = 200_000;
  private static final Map<String, Result> JVM =
      new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Result> eldest) {
          return size() > JVM_ENTRIES;
        }
      };

  /** The memo kind of "this stored (compressed) MAR entry decodes to that content". */
  public static final String DECODED = "decoded";

  /** The content a memoized operation produced. */
  public record Result(String sha256, long size) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private final Storage storage;
  private final String dir;
  private final long persistFrom;

  /**
   * @param dir where results are persisted, one small file per key; empty = this JVM only
   * @param persistFrom inputs smaller than this many bytes are memoized in this JVM only, except
   *     {@link #DECODED} answers, which are always durable
   */
  public ContentMemo(Storage storage, String dir, long persistFrom) {
    this.storage = storage;
    this.dir = dir;
    this.persistFrom = persistFrom;
  }

  /** The memoized result of {@code kind} for {@code key}, or null. */
  public Result get(String kind, String key, long inputSize) throws IOException {
    String k = jvmKey(kind, key);
    synchronized (JVM) {
      Result r = JVM.get(k);
      if (r != null) {
        return r;
      }
    }
    if (!durable(kind, inputSize)) {
      return null;
    }
    String loc = location(kind, key);
    if (!storage.exists(loc)) {
      return null;
    }
    String text;
    try (InputStream in = storage.open(loc)) {
      text = new String(in.readNBytes(256), StandardCharsets.US_ASCII).trim();
    }
    String[] f = text.split(" ");
    if (f.length != 2 || f[0].length() != 64) {
      return null; // damaged: do the work again
    }
    Result r;
    try {
      r = new Result(f[0], Long.parseLong(f[1]));
    } catch (NumberFormatException e) {
      return null;
    }
    synchronized (JVM) {
      JVM.put(k, r);
    }
    return r;
  }

  /** Records that {@code kind} of {@code key} gives {@code result}. */
  public void put(String kind, String key, long inputSize, Result result) throws IOException {
    synchronized (JVM) {
      JVM.put(jvmKey(kind, key), result);
    }
    if (!durable(kind, inputSize)) {
      return;
    }
    byte[] text =
        (result.sha256() + " " + result.size() + "\n").getBytes(StandardCharsets.US_ASCII);
    storage.writeAtomically(location(kind, key), false, o -> o.write(text));
  }

  private boolean durable(String kind, long inputSize) {
    return !dir.isEmpty() && (DECODED.equals(kind) || inputSize >= persistFrom);
  }

  /**
   * Scoped by the memo directory: a "decoded" answer promises that the content is in the blob store
   * of the same storage root, which another root's JVM entries do not.
   */
  private String jvmKey(String kind, String key) {
    return dir + "|" + kind + "/" + key;
  }

  private String location(String kind, String key) {
    return Storage.contentAddressed(dir + "/" + kind, key, "");
  }
}
