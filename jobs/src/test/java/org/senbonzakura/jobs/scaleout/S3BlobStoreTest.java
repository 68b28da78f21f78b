/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.scaleout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.senbonzakura.jobs.storage.BlobStore;
import org.senbonzakura.jobs.storage.Digests;
import org.senbonzakura.jobs.storage.Storage;

/**
 * Content-addressed blobs above the in-memory limit on {@code s3a://}. Their key is known only
 * after the last byte, and a rename on S3 is a server-side (multipart) copy; the store must upload
 * each blob once, under its final key, and leave nothing under its temporary prefix. S3A's
 * multipart threshold is 5 MB here, so a 9 MB blob would take the multipart-copy path if it were
 * renamed.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class S3BlobStoreTest {
  private static final String BUCKET = "sbz-blobs";
  private static S3ProxyServer s3;
  private static Configuration hadoop;

  @BeforeAll
  static void start() throws Exception {
    Path work = BuiltClasspath.workDir("s3-blobs");
    s3 = S3ProxyServer.start(work.resolve("s3"));
    s3.createBucket(BUCKET);
    hadoop = new Configuration();
    for (Map.Entry<String, String> e :
        S3aSettings.hadoop(s3, BUCKET, S3aSettings.RetryBudget.impatient()).entrySet()) {
      hadoop.set(e.getKey(), e.getValue());
    }
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void aLargeBlobIsUploadedOnceUnderItsFinalKey() throws Exception {
    byte[] data = new byte[(9 << 20) + 17];
    new Random(7).nextBytes(data);
    BlobStore store =
        new BlobStore(
            new Storage(hadoop),
            "s3a://" + BUCKET + "/store/blobs",
            "s3a://" + BUCKET + "/store/tmp");
    BlobStore.Stored first = store.put(new ByteArrayInputStream(data));
    BlobStore.Stored again = store.put(new ByteArrayInputStream(data));

    assertEquals(Digests.sha256Hex(data), first.sha256());
    assertFalse(first.existed());
    assertTrue(again.existed(), "the second put finds the first");
    assertArrayEquals(data, store.read(first.sha256()));
    String key = first.location().replaceFirst("^s3a://" + BUCKET + "/", "");
    assertEquals(data.length, Files.size(s3.objectFile(BUCKET, key)), "the object on the server");
    Path tmp = s3.objectFile(BUCKET, "store/tmp");
    if (Files.exists(tmp)) {
      try (Stream<Path> left = Files.walk(tmp)) {
        assertEquals(0, left.filter(Files::isRegularFile).count(), "nothing left under tmp/");
      }
    }
  }
}
