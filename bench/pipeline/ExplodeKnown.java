/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */

import java.nio.file.Path;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.senbonzakura.jobs.mar.ContentMemo;
import org.senbonzakura.jobs.mar.ExplodedMar;
import org.senbonzakura.jobs.mar.MarExploder;
import org.senbonzakura.jobs.storage.BlobStore;
import org.senbonzakura.jobs.storage.Storage;
import org.senbonzakura.jobs.storage.local.LocalFileSystems;

/**
 * Explodes complete MARs, one after the other, into the blob store and memo of a storage root, as
 * one explode task does (no Spark around it), and prints each MAR's wall time with its
 * ExplodeStats. Run it twice on one root (bench/pipeline/matrix.sh explode): the first JVM decodes
 * the en-US MAR; the second, a fresh JVM that knows only what the root holds, explodes locale MARs
 * of the same build, whose entries are all known but the langpack.
 *
 * <p>Usage: java -cp JOBS-CLASSPATH bench/pipeline/ExplodeKnown.java ROOT MAR...
 */
public final class ExplodeKnown {
  public static void main(String[] args) throws Exception {
    String root = Path.of(args[0]).toAbsolutePath().toUri().toString().replaceAll("/$", "");
    Configuration hadoop = new Configuration();
    // the job's own file: scheme
    LocalFileSystems.HADOOP_SETTINGS.forEach(hadoop::set);
    Storage storage = new Storage(hadoop);
    BlobStore blobs = new BlobStore(storage, root + "/blobs", root + "/tmp");
    ContentMemo memo = new ContentMemo(storage, root + "/memo", 64 * 1024);
    for (int i = 1; i < args.length; i++) {
      long t0 = System.nanoTime();
      ExplodedMar x = MarExploder.explode(Path.of(args[i]), blobs, 1L << 31, storage, memo);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf(
          Locale.ROOT,
          "%s\t%d ms\t%s%n",
          Path.of(args[i]).getFileName(),
          ms,
          x.stats());
    }
  }
}
