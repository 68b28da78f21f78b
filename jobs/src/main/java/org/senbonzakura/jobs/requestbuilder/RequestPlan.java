/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requestbuilder;

import java.util.List;

/**
 * What {@link RequestBuilder} found: the update paths to request, the ones that cannot be built
 * because a MAR is missing, and how many were dropped as already done.
 */
public record RequestPlan(List<UpdatePath> paths, List<Missing> missing, int alreadyDone) {

  /** One requested partial: FROM and TO complete MARs of the same platform and locale. */
  public record UpdatePath(CompleteMar from, CompleteMar to, String channel) {}

  /** A (platform, locale) that one side of a FROM -> TO pair lacks. */
  public record Missing(
      String platform, String locale, String fromVersion, String toVersion, String reason) {}
}
