/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.senbonzakura.jobs.mar.ExplodedMar;
import org.senbonzakura.jobs.mar.PartialAssembler;
import org.senbonzakura.jobs.mar.PartialInput;
import org.senbonzakura.update.UpdateException;

/**
 * Stage 3, per request: the (old file, new file) pairs that need a diff, as the shared planner
 * decides (changed, not forced, not add-if-not). Only digests and sizes, never bytes.
 */
final class CandidateTask implements FlatMapFunction<ReadyRequest, ChangedPair> {
  private static final long serialVersionUID = 1L;

  private final String algorithm;

  CandidateTask(String algorithm) {
    this.algorithm = algorithm;
  }

  @Override
  public Iterator<ChangedPair> call(ReadyRequest r) {
    PartialInput in = AssembleTask.input(r, Map.of());
    List<String> paths;
    try {
      paths = PartialAssembler.candidates(in);
    } catch (UpdateException e) {
      return List.<ChangedPair>of().iterator(); // the assemble stage reports the planner's reason
    }
    Map<String, ExplodedMar.ExplodedFile> from = byPath(in.fromFiles());
    Map<String, ExplodedMar.ExplodedFile> to = byPath(in.toFiles());
    List<ChangedPair> out = new ArrayList<>(paths.size());
    String id = r.getRequestId();
    for (String p : paths) {
      ExplodedMar.ExplodedFile o = from.get(p);
      ExplodedMar.ExplodedFile n = to.get(p);
      out.add(
          ChangedPair.of(
              id, p, o.sha256(), n.sha256(), algorithm, o.size(), n.size(), n.entrySize()));
    }
    return out.iterator();
  }

  private static Map<String, ExplodedMar.ExplodedFile> byPath(List<ExplodedMar.ExplodedFile> fs) {
    Map<String, ExplodedMar.ExplodedFile> m = new HashMap<>();
    for (ExplodedMar.ExplodedFile f : fs) {
      m.put(f.path(), f);
    }
    return m;
  }
}
