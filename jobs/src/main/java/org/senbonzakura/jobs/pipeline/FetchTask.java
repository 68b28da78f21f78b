/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.fetch.FetchException;
import org.senbonzakura.jobs.fetch.MarFetcher;
import org.senbonzakura.jobs.storage.Storage;

/** Stage 1 on the executors: each distinct complete MAR into L1 (or the reason it failed). */
final class FetchTask implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  static final StructType SCHEMA =
      new StructType()
          .add("mar_sha512", DataTypes.StringType, false)
          .add("location", DataTypes.StringType, true)
          .add("size", DataTypes.LongType, true)
          .add("l1_hit", DataTypes.BooleanType, false)
          .add("fetch_error", DataTypes.StringType, true);

  private final JobConfig config;
  private final Storage storage;

  FetchTask(JobConfig config, Storage storage) {
    this.config = config;
    this.storage = storage;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> mars) {
    MarFetcher fetcher = new MarFetcher(storage, config);
    List<Row> out = new ArrayList<>();
    while (mars.hasNext()) {
      Row m = mars.next();
      String sha = m.getString(0);
      String url = m.getString(1);
      try {
        MarFetcher.Fetched f = fetcher.fetch(url, sha);
        out.add(RowFactory.create(sha, f.location(), f.size(), f.cacheHit(), null));
      } catch (FetchException e) {
        out.add(RowFactory.create(sha, null, null, false, e.getMessage()));
      }
    }
    return out.iterator();
  }
}
