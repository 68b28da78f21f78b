/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.mbdiff;

/**
 * The old file prepared for one mode's scan: exact mode's suffix array ({@link #exact}) or fast
 * mode's k-gram table ({@link FastDiff}). Built once, then used by the early verdict's windows and
 * by the diff itself, so a patch made after a verdict is the one {@link MbDiff#diff} makes.
 */
interface OldIndex {
  /** The old file the index is of. */
  OldBytes oldBytes();

  /** The control triples for the whole of {@code neu}. */
  default ControlTriples plan(NewBytes neu, DiffOptions opts) throws MbDiffException {
    return plan(neu, opts, ScanWatch.NONE);
  }

  /**
   * The control triples for the whole of {@code neu}, shown to {@code watch} as they become final;
   * null when the watch stopped the scan. Otherwise the same triples as without a watch.
   */
  ControlTriples plan(NewBytes neu, DiffOptions opts, ScanWatch watch) throws MbDiffException;

  /**
   * The mode's scan of one window {@code neu[start..end)} on its own, with the old cursor starting
   * at {@code min(start, |old|)} (what the early verdict samples).
   */
  ControlTriples window(NewBytes neu, int start, int end);

  /** Exact mode on a suffix-array search. */
  static OldIndex exact(MatchFinder finder) {
    return new OldIndex() {
      @Override
      public OldBytes oldBytes() {
        return finder.oldBytes();
      }

      @Override
      public ControlTriples plan(NewBytes neu, DiffOptions opts, ScanWatch watch)
          throws MbDiffException {
        return ExactScan.plan(finder, neu, opts, watch);
      }

      @Override
      public ControlTriples window(NewBytes neu, int start, int end) {
        return new GreedyScan(finder, neu)
            .scan(start, end, Math.min(start, finder.oldBytes().length()))
            .triples;
      }
    };
  }
}
