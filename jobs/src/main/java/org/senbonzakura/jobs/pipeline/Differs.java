/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import org.senbonzakura.compress.XzEffort;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.update.FileDiffer;
import org.senbonzakura.update.MbdiffFileDiffer;

/**
 * The differ a run uses, made from the config on the driver (for the algorithm version) and again
 * on each executor (a differ is not shipped): {@code sbz.diff.mode} picks exact or fast; the test
 * hook {@code sbz.debug.differ-class} names another {@link FileDiffer} with a public no-argument
 * constructor. {@code sbz.diff.early-verdict} switches the differ's early verdict on.
 */
final class Differs {
  private Differs() {}

  static FileDiffer of(JobConfig config) {
    if (!config.differClass.isEmpty()) {
      try {
        return Class.forName(config.differClass)
            .asSubclass(FileDiffer.class)
            .getConstructor()
            .newInstance();
      } catch (ReflectiveOperationException | ClassCastException e) {
        throw new IllegalStateException("cannot make differ " + config.differClass, e);
      }
    }
    MbdiffFileDiffer differ =
        "fast".equals(config.diffMode) ? MbdiffFileDiffer.fast() : MbdiffFileDiffer.exact();
    return differ.withEarlyVerdict(config.diffEarlyVerdict);
  }

  /**
   * How hard the run's patches are compressed: {@link XzEffort#forPatches}, as {@code sbz partial}.
   * The effort's tag is part of the algorithm version ({@link Versions#algorithm(FileDiffer,
   * XzEffort)}), so patches of the two efforts never share a patch-cache row.
   */
  static XzEffort patchEffort(JobConfig config) {
    return XzEffort.forPatches("fast".equals(config.diffMode));
  }
}
