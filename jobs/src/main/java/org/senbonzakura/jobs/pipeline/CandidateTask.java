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
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.senbonzakura.jobs.mar.ExplodedMar;
import org.senbonzakura.jobs.mar.PartialAssembler;
import org.senbonzakura.jobs.mar.PartialInput;
import org.senbonzakura.update.UpdateException;

/**
 * Stage 3, per request: the (old file, new file) pairs that need a diff, as the shared planner
 * decides (changed, not forced, not add-if-not). Only digests and sizes, never bytes.
 */
final class CandidateTask implements FlatMapFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  static final StructType SCHEMA =
      new StructType()
          .add("request_id", DataTypes.StringType, false)
          .add("path", DataTypes.StringType, false)
          .add("old_sha256", DataTypes.StringType, false)
          .add("new_sha256", DataTypes.StringType, false)
          .add("algorithm_version", DataTypes.StringType, false)
          .add("old_size", DataTypes.LongType, false)
          .add("new_size", DataTypes.LongType, false)
          .add("full_size", DataTypes.LongType, false);

  private final String algorithm;

  CandidateTask(String algorithm) {
    this.algorithm = algorithm;
  }

  @Override
  public Iterator<Row> call(Row r) {
    PartialInput in = AssembleTask.input(r, Map.of());
    List<String> paths;
    try {
      paths = PartialAssembler.candidates(in);
    } catch (UpdateException e) {
      return List.<Row>of().iterator(); // the assemble stage reports the planner's reason
    }
    Map<String, ExplodedMar.ExplodedFile> from = byPath(in.fromFiles());
    Map<String, ExplodedMar.ExplodedFile> to = byPath(in.toFiles());
    List<Row> out = new ArrayList<>(paths.size());
    String id = Rows.str(r, "request_id");
    for (String p : paths) {
      ExplodedMar.ExplodedFile o = from.get(p);
      ExplodedMar.ExplodedFile n = to.get(p);
      out.add(
          RowFactory.create(
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
