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
import org.senbonzakura.jobs.config.JobConfig;
import org.senbonzakura.jobs.fetch.FetchException;
import org.senbonzakura.jobs.fetch.MarFetcher;
import org.senbonzakura.jobs.storage.Storage;

/**
 * Stage 1 on the executors: each distinct complete MAR into L1 (or the reason it failed). Input
 * records are {@link MarUrls}, every URL the requests give for that hash. Up to {@code
 * sbz.fetch.concurrency} MARs of a partition download at the same time, so a mirror that hangs
 * until the deadline holds only its own MAR.
 */
final class FetchTask implements MapPartitionsFunction<MarUrls, FetchedMar> {
  private static final long serialVersionUID = 1L;

  private final JobConfig config;
  private final Storage storage;

  FetchTask(JobConfig config, Storage storage) {
    this.config = config;
    this.storage = storage;
  }

  @Override
  public Iterator<FetchedMar> call(Iterator<MarUrls> mars) throws InterruptedException {
    MarFetcher fetcher = new MarFetcher(storage, config);
    List<MarUrls> todo = new ArrayList<>();
    mars.forEachRemaining(todo::add);
    if (todo.isEmpty()) {
      return new ArrayList<FetchedMar>().iterator();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(config.fetchConcurrency, todo.size()));
    try {
      List<Future<FetchedMar>> pending = new ArrayList<>();
      for (MarUrls m : todo) {
        pending.add(pool.submit(() -> fetchOne(fetcher, m.getMarSha512(), m.getUrls())));
      }
      List<FetchedMar> out = new ArrayList<>();
      for (Future<FetchedMar> f : pending) {
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

  private static FetchedMar fetchOne(MarFetcher fetcher, String sha, List<String> urls) {
    try {
      MarFetcher.Fetched f = fetcher.fetch(urls, sha);
      return FetchedMar.of(sha, f.location(), f.size(), f.cacheHit(), null);
    } catch (FetchException e) {
      return FetchedMar.of(sha, null, null, false, e.getMessage());
    }
  }
}
