/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.update;

/**
 * One parsed manifest action.
 *
 * @param method what to do
 * @param test the path tested by {@code add-if}, {@code add-if-not} and {@code patch-if}, else null
 * @param entry the MAR entry read by {@code add*} and {@code patch*}, else null
 * @param target the installation path acted on; for {@code rmdir}/{@code rmrfdir} without the
 *     trailing slash
 */
public record Instruction(Method method, String test, String entry, String target) {
  /** The updater's manifest methods (spec §5.3). */
  public enum Method {
    ADD("add"),
    ADD_IF("add-if"),
    ADD_IF_NOT("add-if-not"),
    PATCH("patch"),
    PATCH_IF("patch-if"),
    REMOVE("remove"),
    RMDIR("rmdir"),
    RMRFDIR("rmrfdir");

    private final String token;

    Method(String token) {
      this.token = token;
    }

    public String token() {
      return token;
    }
  }
}
