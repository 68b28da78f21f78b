/* This Source Code Form is subject to the terms of the Mozilla Public License,
 * v. 2.0. If a copy of the MPL was not distributed with this file, You can
 * obtain one at https://mozilla.org/MPL/2.0/. */
package org.senbonzakura.jobs.serve;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.senbonzakura.jobs.tables.QueueTable;

/**
 * What the service knows of every partial, in memory: the queue rows and the results rows, merged
 * by id. The Delta tables are the truth; this is their read model, loaded at start and updated by
 * the same code that writes the tables (always table first, then memory), so that status requests
 * never wait for Delta. Every method is synchronized on the registry, which is also the monitor
 * that {@code ?wait=} sleeps on.
 */
public final class Registry {
  /** What a client sees of one partial. */
  public record View(String id, String status, String phase, QueueTable.Item item, Result result) {

    public boolean terminal() {
      return status.equals("done") || status.equals("failed") || status.equals("withdrawn");
    }

    public String product() {
      return result != null ? result.product() : item.request().get("product");
    }

    public String toVersion() {
      return result != null ? result.toVersion() : item.request().get("to_version");
    }
  }

  private final Map<String, QueueTable.Item> queue = new HashMap<>();
  private final Map<String, Result> results = new HashMap<>();
  private Set<String> running = Set.of();
  private Supplier<String> phase = () -> "starting";

  /** Replaces everything with the tables' contents. */
  public synchronized void load(Collection<QueueTable.Item> items, Collection<Result> rows) {
    queue.clear();
    results.clear();
    items.forEach(i -> queue.put(i.id(), i));
    rows.forEach(r -> results.put(r.id(), r));
    notifyAll();
  }

  public synchronized View view(String id) {
    QueueTable.Item item = queue.get(id);
    Result result = results.get(id);
    if (item == null && result == null) {
      return null;
    }
    String state = item == null ? QueueTable.PROCESSED : item.state();
    if (state.equals(QueueTable.WITHDRAWN)) {
      return new View(id, "withdrawn", null, item, result);
    }
    if (state.equals(QueueTable.QUEUED)) {
      boolean now = running.contains(id);
      return new View(id, now ? "running" : "queued", now ? phase.get() : null, item, result);
    }
    if (result == null) {
      return null; // processed, then its result evicted: unknown again
    }
    return new View(id, result.built() ? "done" : "failed", null, item, result);
  }

  public synchronized QueueTable.Item item(String id) {
    return queue.get(id);
  }

  public synchronized Result result(String id) {
    return results.get(id);
  }

  /** Records queue rows the caller has just written to the table, and wakes waiters. */
  public synchronized void put(List<QueueTable.Item> items) {
    items.forEach(i -> queue.put(i.id(), i));
    notifyAll();
  }

  /**
   * Forgets evicted ids' results, and their queue rows unless queued again, as {@code
   * CacheAdmin.evict} did in the tables.
   */
  public synchronized void evicted(Collection<String> ids) {
    for (String id : ids) {
      results.remove(id);
      QueueTable.Item i = queue.get(id);
      if (i != null && !i.state().equals(QueueTable.QUEUED)) {
        queue.remove(id);
      }
    }
    notifyAll();
  }

  /** The queued items, oldest first: the next micro-batch. */
  public synchronized List<QueueTable.Item> queued() {
    List<QueueTable.Item> out = new ArrayList<>();
    for (QueueTable.Item i : queue.values()) {
      if (i.state().equals(QueueTable.QUEUED) && i.request() != null) {
        out.add(i);
      }
    }
    out.sort(Comparator.comparing(QueueTable.Item::enqueuedAt).thenComparing(QueueTable.Item::id));
    return out;
  }

  public synchronized void startRun(Set<String> ids, Supplier<String> currentPhase) {
    running = Set.copyOf(ids);
    phase = currentPhase;
  }

  /** Stores a run's results and the queue rows it marked processed; ends the run's view. */
  public synchronized void finishRun(List<Result> rows, List<QueueTable.Item> processed) {
    rows.forEach(r -> results.put(r.id(), r));
    processed.forEach(i -> queue.put(i.id(), i));
    running = Set.of();
    notifyAll();
  }

  public synchronized void endRun() {
    running = Set.of();
    notifyAll();
  }

  public synchronized boolean isRunning() {
    return !running.isEmpty();
  }

  /** Waits until the partial's status is terminal or the time is up; returns the last view. */
  public synchronized View await(String id, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    View v = view(id);
    while (v != null && !v.terminal()) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        break;
      }
      wait(left);
      v = view(id);
    }
    return v;
  }

  /** Every known id's view, sorted by id (the list's cursor order). */
  public synchronized TreeMap<String, View> all() {
    TreeMap<String, View> out = new TreeMap<>();
    for (String id : ids()) {
      View v = view(id);
      if (v != null) {
        out.put(id, v);
      }
    }
    return out;
  }

  /** Counts per status, for metrics and the page. */
  public synchronized Map<String, Integer> counts() {
    Map<String, Integer> out = new TreeMap<>();
    for (String s : List.of("queued", "running", "done", "failed", "withdrawn")) {
      out.put(s, 0);
    }
    for (View v : all().values()) {
      out.merge(v.status(), 1, Integer::sum);
    }
    return out;
  }

  /** The most recently changed views, newest first. */
  public synchronized List<View> recent(int n) {
    List<View> all = new ArrayList<>(all().values());
    all.sort(Comparator.comparing(Registry::changed).reversed());
    return all.subList(0, Math.min(n, all.size()));
  }

  static Timestamp changed(View v) {
    Timestamp a = v.item() == null ? null : v.item().updatedAt();
    Timestamp b = v.result() == null ? null : v.result().updatedAt();
    if (a == null) {
      return b == null ? new Timestamp(0) : b;
    }
    return b == null || a.after(b) ? a : b;
  }

  private List<String> ids() {
    List<String> ids = new ArrayList<>(queue.keySet());
    for (String id : results.keySet()) {
      if (!queue.containsKey(id)) {
        ids.add(id);
      }
    }
    return ids;
  }
}
