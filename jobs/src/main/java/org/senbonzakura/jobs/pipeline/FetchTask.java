/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.pipeline;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.fetch.FetchException;
import org.senbonzakura.jobs.fetch.MarFetcher;
import org.senbonzakura.jobs.storage.Storage;

/**
 * Stage 1 on the executors: each distinct complete MAR into L1 (or the reason it failed). Input
 * rows are {@code (mar_sha512, urls)}, every URL the requests give for that hash. Up to {@code
 * sbz.fetch.concurrency} MARs of a partition download at the same time, so a mirror that hangs
 * until the deadline holds only its own MAR.
 */
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
  public Iterator<Row> call(Iterator<Row> mars) throws InterruptedException {
    MarFetcher fetcher = new MarFetcher(storage, config);
    List<Row> todo = new ArrayList<>();
    mars.forEachRemaining(todo::add);
    if (todo.isEmpty()) {
      return todo.iterator();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(config.fetchConcurrency, todo.size()));
    try {
      List<Future<Row>> pending = new ArrayList<>();
      for (Row m : todo) {
        pending.add(pool.submit(() -> fetchOne(fetcher, m.getString(0), m.getList(1))));
      }
      List<Row> out = new ArrayList<>();
      for (Future<Row> f : pending) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          // fetchOne turns every failure into a row; anything else is a bug worth failing for
          throw new IllegalStateException("fetch task failed", e.getCause());
        }
      }
      return out.iterator();
    } finally {
      pool.shutdownNow();
    }
  }

  private static Row fetchOne(MarFetcher fetcher, String sha, List<String> urls) {
    try {
      MarFetcher.Fetched f = fetcher.fetch(urls, sha);
      return RowFactory.create(sha, f.location(), f.size(), f.cacheHit(), null);
    } catch (FetchException e) {
      return RowFactory.create(sha, null, null, false, e.getMessage());
    }
  }
}
