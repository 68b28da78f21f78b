/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.fetch;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides which URLs the job may read: only {@code file:}, {@code http(s):} and {@code s3a:}, and
 * only below one of the configured prefixes. URLs are normalized first, so {@code ..} cannot climb
 * out of an allowed prefix.
 */
public final class UrlPolicy implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Set<String> SCHEMES = Set.of("file", "http", "https", "s3a");

  private final List<String> prefixes;

  public UrlPolicy(List<String> prefixes) {
    this.prefixes = prefixes.stream().filter(p -> !p.isBlank()).map(UrlPolicy::canonical).toList();
  }

  /**
   * One spelling per location: {@code file:///x} and {@code file://localhost/x} become {@code
   * file:/x}, a bare absolute path becomes a {@code file:} URL, and the scheme is lower-cased.
   */
  static String canonical(String url) {
    String s = url.trim();
    if (s.startsWith("/")) {
      return "file:" + s;
    }
    int colon = s.indexOf(':');
    if (colon > 0) {
      s = s.substring(0, colon).toLowerCase(Locale.ROOT) + s.substring(colon);
    }
    if (s.startsWith("file://localhost/")) {
      return "file:/" + s.substring("file://localhost/".length());
    }
    if (s.startsWith("file:///")) {
      return "file:/" + s.substring("file:///".length());
    }
    return s;
  }

  /** Returns the normalized URI, or throws with the reason the URL is refused. */
  public URI check(String url) throws FetchException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new FetchException("malformed URL '" + url + "': " + e.getReason(), false);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw new FetchException(
          "URL scheme '" + scheme + "' not supported (file, http, https, s3a): " + url, false);
    }
    String raw = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (raw.contains("/../") || raw.endsWith("/..") || raw.contains("%2e%2e")) {
      throw new FetchException("URL with '..' refused: " + url, false);
    }
    if (uri.getRawUserInfo() != null) {
      throw new FetchException("URL with user info refused: " + url, false);
    }
    String normalized = canonical(uri.normalize().toString());
    for (String p : prefixes) {
      if (under(normalized, p)) {
        return uri.normalize();
      }
    }
    throw new FetchException("URL not in the allow-list: " + url, false);
  }

  /**
   * True if {@code url} is {@code prefix} or lies below it. A prefix written without a trailing
   * slash still ends at a boundary: {@code http://host:8080} allows {@code http://host:8080/a.mar}
   * but neither {@code http://host:80801/} nor {@code http://host:8080.evil/}.
   */
  static boolean under(String url, String prefix) {
    if (!url.startsWith(prefix)) {
      return false;
    }
    if (url.length() == prefix.length() || prefix.endsWith("/")) {
      return true;
    }
    char next = url.charAt(prefix.length());
    return next == '/' || next == '?' || next == '#';
  }

  /**
   * The next hop of an HTTP redirect: {@code location} resolved against {@code from}, checked like
   * any requested URL. A server inside the allow-list must not be able to send the fetcher to an
   * origin outside it, nor to another scheme (a {@code file:} redirect would read local files), so
   * the refusal happens before any request reaches the new origin and names it.
   */
  public URI redirect(URI from, String location) throws FetchException {
    URI target;
    try {
      target = from.resolve(new URI(location.trim()));
    } catch (URISyntaxException e) {
      throw new FetchException(
          "redirect from " + from + " to a malformed Location '" + location + "' refused", false);
    }
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchException(
          "redirect from " + from + " to " + target + " refused: only http(s) redirects", false);
    }
    try {
      return check(target.toString());
    } catch (FetchException e) {
      throw new FetchException(
          "redirect to "
              + origin(target)
              + " refused (not in the allow-list): "
              + from
              + " -> "
              + target,
          false);
    }
  }

  /** {@code scheme://host[:port]}: what a redirect may not leave. */
  static String origin(URI u) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    String host = u.getHost() == null ? String.valueOf(u.getAuthority()) : u.getHost();
    return scheme + "://" + host + (u.getPort() < 0 ? "" : ":" + u.getPort());
  }
}
