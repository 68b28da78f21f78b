/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A stored file as a local path, for the libraries that need random access (the MAR reader and
 * writer): a {@code file:} location is used in place; anything else (S3, HDFS) is copied to a local
 * temporary file that {@link #close()} deletes.
 */
public final class LocalCopy implements AutoCloseable {
  private final Path path;
  private final boolean temporary;

  private LocalCopy(Path path, boolean temporary) {
    this.path = path;
    this.temporary = temporary;
  }

  public static LocalCopy of(Storage storage, String location) throws IOException {
    URI uri = URI.create(location.replace(" ", "%20"));
    if ("file".equals(uri.getScheme())) {
      return new LocalCopy(Path.of(uri), false);
    }
    Path tmp = Files.createTempFile("sbz-", ".mar");
    try (InputStream in = storage.open(location)) {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    return new LocalCopy(tmp, true);
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    if (temporary) {
      Files.deleteIfExists(path);
    }
  }
}
