/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.requestbuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Pairs a TO release with each FROM release: every (platform, locale) present in both becomes an
 * update path; one present in only one of them is reported as missing. Pure (no I/O), so its rules
 * are tested directly.
 */
public final class RequestBuilder {
  private RequestBuilder() {}

  /**
   * Builds the plan.
   *
   * @param to the release being updated to
   * @param froms the releases updated from, newest first; only the first {@code previous} are used
   * @param previous how many FROM releases to use (all when {@code <= 0})
   * @param platforms platforms to keep (all when empty)
   * @param locales locales to keep (all when empty)
   * @param done true for a path already done in the results table; those are dropped
   */
  public static RequestPlan build(
      Release to,
      List<Release> froms,
      int previous,
      Set<String> platforms,
      Set<String> locales,
      String channel,
      Predicate<RequestPlan.UpdatePath> done)
      throws RequestBuildException {
    List<Release> used =
        previous > 0 && previous < froms.size() ? froms.subList(0, previous) : froms;
    List<RequestPlan.UpdatePath> paths = new ArrayList<>();
    List<RequestPlan.Missing> missing = new ArrayList<>();
    int skipped = 0;
    for (Release from : used) {
      if (from.version().equals(to.version())) {
        throw new RequestBuildException(
            "FROM release " + from.source() + " has the TO version " + to.version());
      }
      Set<String> slots = new TreeSet<>(to.bySlot().keySet());
      slots.addAll(from.bySlot().keySet());
      for (String slot : slots) {
        CompleteMar t = to.bySlot().get(slot);
        CompleteMar f = from.bySlot().get(slot);
        CompleteMar any = t != null ? t : f;
        if (!keep(platforms, any.platform()) || !keep(locales, any.locale())) {
          continue;
        }
        if (t == null || f == null) {
          missing.add(
              new RequestPlan.Missing(
                  any.platform(),
                  any.locale(),
                  from.version(),
                  to.version(),
                  t == null ? "no TO MAR in " + to.source() : "no FROM MAR in " + from.source()));
          continue;
        }
        if (!f.product().equals(t.product())) {
          throw new RequestBuildException(
              slot + ": FROM product " + f.product() + " differs from TO product " + t.product());
        }
        RequestPlan.UpdatePath p = new RequestPlan.UpdatePath(f, t, channel);
        if (done.test(p)) {
          skipped++;
        } else {
          paths.add(p);
        }
      }
    }
    return new RequestPlan(List.copyOf(paths), List.copyOf(missing), skipped);
  }

  private static boolean keep(Set<String> wanted, String value) {
    return wanted.isEmpty() || wanted.contains(value);
  }
}
