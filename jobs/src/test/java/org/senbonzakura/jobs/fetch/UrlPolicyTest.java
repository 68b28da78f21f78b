/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.fetch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UrlPolicyTest {
  private final UrlPolicy policy =
      new UrlPolicy(
          List.of("file:///data/mars/", "https://archive.example.org/pub/", "s3a://b/x/"));

  @Test
  void allowsUrlsUnderAPrefixWhateverTheFileSpelling() {
    assertDoesNotThrow(() -> policy.check("file:/data/mars/a.mar"));
    assertDoesNotThrow(() -> policy.check("file:///data/mars/a.mar"));
    assertDoesNotThrow(() -> policy.check("https://archive.example.org/pub/f/a.mar"));
    assertDoesNotThrow(() -> policy.check("s3a://b/x/a.mar"));
  }

  @Test
  void refusesOtherPrefixesSchemesAndClimbing() {
    for (String url :
        List.of(
            "file:/data/other/a.mar",
            "https://evil.example.org/pub/a.mar",
            "ftp://archive.example.org/pub/a.mar",
            "file:/data/mars/../../etc/passwd",
            "not a url")) {
      FetchException e = assertThrows(FetchException.class, () -> policy.check(url), url);
      assertTrue(!e.retryable(), url);
    }
  }

  @Test
  void anEmptyAllowListAllowsNothing() {
    FetchException e =
        assertThrows(FetchException.class, () -> new UrlPolicy(List.of()).check("file:/a.mar"));
    assertTrue(e.getMessage().contains("allow-list"), e.getMessage());
  }

  @Test
  void aPrefixWithoutATrailingSlashEndsAtABoundary() throws FetchException {
    UrlPolicy bare = new UrlPolicy(List.of("http://host:8080", "https://mirror.example.org/pub"));
    assertDoesNotThrow(() -> bare.check("http://host:8080/a.mar"));
    assertDoesNotThrow(() -> bare.check("https://mirror.example.org/pub/f/a.mar"));
    for (String url :
        List.of(
            "http://host:8080@evil.example.com/a.mar",
            "http://host:80801/a.mar",
            "http://host:8080.evil.example.com/a.mar",
            "https://mirror.example.org/public/a.mar",
            "https://mirror.example.org/pub.evil/a.mar",
            "https://user:secret@mirror.example.org/pub/a.mar")) {
      FetchException e = assertThrows(FetchException.class, () -> bare.check(url), url);
      assertTrue(!e.retryable(), url);
    }
  }
}
